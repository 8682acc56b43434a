import { interrupt } from '@langchain/langgraph';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

export type ClarifyInterrupt = { question: string };

/**
 * Ask one question and wait: the thread pauses (interrupt) until the next chat message, which
 * resumes it. No side effect before the interrupt — the node re-runs from the top on resume.
 */
export function clarifyNode() {
  return (s: SupervisorStateType): SupervisorUpdate => {
    const question = s.plan?.route === 'clarify' ? s.plan.question : '';
    const reply = interrupt<ClarifyInterrupt, string>({ question });
    return {
      messages: [
        { role: 'assistant', content: question },
        { role: 'user', content: reply },
      ],
      request: { ...s.request, text: `${s.request.text}\n${reply}` },
    };
  };
}
