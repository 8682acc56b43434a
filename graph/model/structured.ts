import { z } from 'zod';
import { ModelOutputError, type ChatModel, type ModelMessage, type ModelRequest, type ToolSpec } from './types';

// Tool calls and structured outputs, validated with zod. A malformed call (bad JSON, schema
// violation, a check that fails) is fed back to the model with the reason, at most
// `maxRepairs` times; then the call fails with a ModelOutputError naming what was wrong.

export type ToolDef<S extends z.ZodType = z.ZodType> = { description: string; schema: S };
export type ToolDefs = Record<string, ToolDef>;
export type ToolResult<D extends ToolDefs> = { [K in keyof D & string]: { name: K; args: z.infer<D[K]['schema']>; callId: string } }[keyof D & string];

export const DEFAULT_MAX_REPAIRS = 2;

const schemaCache = new WeakMap<z.ZodType, Record<string, unknown>>();

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = schemaCache.get(schema);
  if (!json) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    json = rest;
    schemaCache.set(schema, json);
  }
  return json;
}

const specCache = new WeakMap<ToolDefs, ToolSpec[]>();

/** JSON schemas of the tools, computed once per tool set (the same few sets serve every call). */
export function toolSpecs(defs: ToolDefs): ToolSpec[] {
  let specs = specCache.get(defs);
  if (!specs) {
    specs = Object.entries(defs).map(([name, d]) => ({ name, description: d.description, parameters: jsonSchemaOf(d.schema) }));
    specCache.set(defs, specs);
  }
  return specs;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: `the arguments are not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}

export type CallOptions = { maxRepairs?: number; repairHint?: (problem: string) => string };

/** Ask for exactly one tool call among `defs`; returns it validated. */
export async function chooseTool<D extends ToolDefs>(
  model: ChatModel,
  req: Omit<ModelRequest, 'tools' | 'toolChoice' | 'responseFormat'> & { toolChoice?: ModelRequest['toolChoice'] },
  defs: D,
  validate?: (result: ToolResult<D>) => string | null,
  opts: CallOptions = {},
): Promise<ToolResult<D>> {
  const maxRepairs = opts.maxRepairs ?? DEFAULT_MAX_REPAIRS;
  const tools = toolSpecs(defs);
  const messages: ModelMessage[] = [...req.messages];
  let lastProblem = '';
  for (let attempt = 0; attempt <= maxRepairs; attempt++) {
    // a copy per call: the conversation grows with the repairs, what was sent stays as sent
    const res = await model.complete({ ...req, messages: [...messages], tools, toolChoice: req.toolChoice ?? 'required' });
    const call = res.toolCalls[0];
    messages.push({ role: 'assistant', content: res.content, toolCalls: res.toolCalls });
    if (!call) {
      lastProblem = 'no tool was called';
      messages.push({ role: 'user', content: opts.repairHint?.(lastProblem) ?? `You must answer by calling one of these tools: ${Object.keys(defs).join(', ')}.` });
      continue;
    }
    // every tool call needs an answer before the next turn; the extra ones are refused
    for (const extra of res.toolCalls.slice(1)) messages.push({ role: 'tool', toolCallId: extra.id, content: 'ignored: call exactly one tool' });
    const def = (defs as ToolDefs)[call.name];
    let problem: string;
    if (!def) {
      problem = `unknown tool "${call.name}" (expected one of ${Object.keys(defs).join(', ')})`;
    } else {
      const json = parseJson(call.arguments);
      if (!json.ok) {
        problem = json.error;
      } else {
        const parsed = def.schema.safeParse(json.value);
        if (!parsed.success) {
          problem = `the arguments do not match the schema: ${describeIssues(parsed.error)}`;
        } else {
          const result = { name: call.name, args: parsed.data, callId: call.id } as ToolResult<D>;
          const semantic = validate?.(result) ?? null;
          if (semantic === null) return result;
          problem = semantic;
        }
      }
    }
    lastProblem = problem;
    messages.push({ role: 'tool', toolCallId: call.id, content: `error: ${problem}. Call the tool again with corrected arguments.` });
  }
  throw new ModelOutputError(req.purpose, maxRepairs + 1, lastProblem);
}

/** Ask for a JSON answer matching `schema` (structured outputs). */
export async function callJson<S extends z.ZodType>(
  model: ChatModel,
  req: Omit<ModelRequest, 'tools' | 'toolChoice' | 'responseFormat'>,
  name: string,
  schema: S,
  opts: CallOptions = {},
): Promise<z.infer<S>> {
  const maxRepairs = opts.maxRepairs ?? DEFAULT_MAX_REPAIRS;
  const messages: ModelMessage[] = [...req.messages];
  const responseFormat = { name, schema: jsonSchemaOf(schema) };
  let lastProblem = '';
  for (let attempt = 0; attempt <= maxRepairs; attempt++) {
    const res = await model.complete({ ...req, messages: [...messages], responseFormat });
    const text = (res.content ?? '').trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
    messages.push({ role: 'assistant', content: res.content });
    const json = parseJson(text);
    if (json.ok) {
      const parsed = schema.safeParse(json.value);
      if (parsed.success) return parsed.data;
      lastProblem = `the answer does not match the schema: ${describeIssues(parsed.error)}`;
    } else {
      lastProblem = 'the answer is not valid JSON';
    }
    messages.push({ role: 'user', content: `Invalid answer: ${lastProblem}. Answer again with JSON only, matching the schema "${name}".` });
  }
  throw new ModelOutputError(req.purpose, maxRepairs + 1, lastProblem);
}
