import type { Child } from 'hono/jsx';

/** One section of the Settings page: a panel with its heading (the page's sub-navigation targets its id). */
export function Section({ id, title, help, children }: { id: string; title: string; help?: string; children: Child }) {
  return (
    <section class="panel settings-section" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {help ? <p class="hint">{help}</p> : null}
      {children}
    </section>
  );
}
