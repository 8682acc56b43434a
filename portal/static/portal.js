// Relais Portal — small progressive enhancements. Every feature here also works without it
// (plain links and form posts); this file only makes some of them quicker.
(function () {
  'use strict';

  // After a refused form, move focus to the error summary so it is read out and visible.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // ---- Deals board: drag a card to another column --------------------------------------
  var dragged = null;

  function column(el) {
    return el?.closest ? el.closest('.column') : null;
  }
  function clearTargets() {
    document.querySelectorAll('.column.drop-target').forEach(function (c) {
      c.classList.remove('drop-target');
    });
  }
  function showMessage(text, kind) {
    var main = document.getElementById('main');
    if (!main || !text) return;
    var p = main.querySelector('.flash[data-live]');
    if (!p) {
      p = document.createElement('p');
      p.setAttribute('data-live', '');
      var head = main.querySelector('.page-head');
      if (head?.nextSibling) main.insertBefore(p, head.nextSibling);
      else main.prepend(p);
    }
    p.className = `flash${kind === 'error' ? ' error' : ''}`;
    p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    p.textContent = text;
  }
  // Re-read the board from the server so counts, totals and arrows stay exact.
  function refreshBoard(message) {
    return fetch(window.location.pathname + window.location.search, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.querySelector('[data-board]');
        var current = document.querySelector('[data-board]');
        if (fresh && current) current.replaceWith(fresh);
        showMessage(message, 'ok');
      });
  }

  document.addEventListener('dragstart', function (e) {
    var card = e.target?.closest ? e.target.closest('.deal-card') : null;
    if (!card) return;
    dragged = card;
    card.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.getAttribute('data-deal'));
  });
  document.addEventListener('dragend', function () {
    if (dragged) dragged.classList.remove('dragging');
    dragged = null;
    clearTargets();
  });
  document.addEventListener('dragover', function (e) {
    var col = column(e.target);
    if (!col || !dragged) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!col.classList.contains('drop-target')) {
      clearTargets();
      col.classList.add('drop-target');
    }
  });
  document.addEventListener('drop', function (e) {
    var col = column(e.target);
    if (!col || !dragged) return;
    e.preventDefault();
    clearTargets();
    var card = dragged;
    var from = column(card);
    if (from === col) return;
    var board = document.querySelector('[data-board]');
    var list = col.querySelector('.deal-cards');
    list.prepend(card); // optimistic; undone if the server refuses
    var body = new URLSearchParams();
    body.set('_csrf', board.getAttribute('data-csrf'));
    body.set('stage', col.getAttribute('data-stage'));
    body.set('version', card.getAttribute('data-version'));
    body.set('back', 'board');
    fetch(`/deals/${card.getAttribute('data-deal')}/move`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok || !data.ok) throw new Error(data.message || r.statusText);
          return refreshBoard(data.message);
        });
      })
      .catch(function (err) {
        from.querySelector('.deal-cards').append(card);
        showMessage(err?.message ? err.message : 'Erreur', 'error');
      });
  });

  // ---- Discussion: send without leaving the page, follow the teammate's progress live -----------
  function followThread(conv, threadId, after) {
    if (!window.EventSource) return;
    var live = conv.querySelector('[data-live-progress]');
    var source = new EventSource(`/chat/${threadId}/events?after=${after || 0}`);
    source.onmessage = function (ev) {
      try {
        var data = JSON.parse(ev.data);
        var last = live.lastElementChild;
        // a count that goes up replaces its previous line
        var li = last && data.kind === 'draft_progress' && last.getAttribute('data-kind') === 'draft_progress' ? last : document.createElement('li');
        li.setAttribute('data-kind', data.kind);
        li.textContent = data.text;
        if (li !== last) live.appendChild(li);
      } catch (_e) {
        /* a malformed event is skipped */
      }
    };
    source.addEventListener('end', function () {
      source.close();
      // the conversation, the reply and the links to the drafts, as the server renders them
      window.location.assign(`/chat?thread=${threadId}`);
    });
    source.onerror = function () {
      // the server closes the stream when the run is over; reconnects are the browser's job
      if (source.readyState === 2) window.location.assign(`/chat?thread=${threadId}`);
    };
  }

  var conv = document.querySelector('.conversation');
  if (conv && conv.getAttribute('data-running') === 'true') {
    followThread(conv, conv.getAttribute('data-thread'), conv.getAttribute('data-after'));
  }

  var chatForm = document.querySelector('[data-chat-form]');
  if (chatForm && window.fetch) {
    chatForm.addEventListener('submit', function (e) {
      var box = chatForm.querySelector('textarea[name="message"]');
      var status = chatForm.querySelector('[data-chat-status]');
      var button = chatForm.querySelector('[data-chat-send]');
      if (!box.value.trim()) return; // let the server say what is missing
      e.preventDefault();
      var body = new URLSearchParams(new FormData(chatForm));
      button.disabled = true;
      status.textContent = chatForm.getAttribute('data-sending') || '';
      fetch('/chat', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      })
        .then(function (r) {
          return r.json().then(function (data) {
            if (!r.ok || !data.ok) throw new Error(data.message || r.statusText);
            return data;
          });
        })
        .then(function (data) {
          var c = document.querySelector('.conversation');
          var empty = c.querySelector('.intro-empty');
          if (empty) empty.remove();
          var li = document.createElement('li');
          li.className = 'msg from-user';
          var bubble = document.createElement('div');
          bubble.className = 'bubble';
          bubble.textContent = box.value;
          li.appendChild(bubble);
          c.querySelector('.messages').appendChild(li);
          box.value = '';
          status.textContent = '';
          var hidden = chatForm.querySelector('input[name="threadId"]');
          if (!hidden) {
            hidden = document.createElement('input');
            hidden.type = 'hidden';
            hidden.name = 'threadId';
            chatForm.appendChild(hidden);
          }
          hidden.value = data.threadId;
          if (window.history?.replaceState) window.history.replaceState(null, '', `/chat?thread=${data.threadId}`);
          followThread(c, data.threadId, c.getAttribute('data-after'));
        })
        .catch(function (err) {
          button.disabled = false;
          status.textContent = err?.message ? err.message : '';
        });
    });
  }

  // ---- Library: "select all" and the count of selected drafts ------------------------------
  document.querySelectorAll('[data-bulk-submit]').forEach(function (btn) {
    var f = btn.closest('form');
    btn.disabled = f.querySelectorAll('input[name="ids"]:checked').length === 0;
  });
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (!t?.matches) return;
    if (t.matches('[data-select-all]')) {
      var form = t.closest('form');
      form.querySelectorAll('input[name="ids"]').forEach(function (box) {
        box.checked = t.checked;
      });
    }
    if (t.matches('[data-select-all], input[name="ids"]')) {
      var f = t.closest('form');
      var n = f.querySelectorAll('input[name="ids"]:checked').length;
      var out = f.querySelector('[data-selected-count]');
      if (out) out.textContent = String(n);
      var btn = f.querySelector('[data-bulk-submit]');
      if (btn) btn.disabled = n === 0;
    }
  });
})();
