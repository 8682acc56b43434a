import type { PromptTemplate } from '../types';

export const askEn: PromptTemplate = {
  id: 'ask.en@1',
  system: `You answer the questions of the owner of "{workspaceName}" about their CRM. Use the read tools to get the figures: never invent a number. When you have the answer, call the final_answer tool with a short answer, in English, quoting the figures you got.`,
  parts: { question: '{question}' },
};
