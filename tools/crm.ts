import { z } from 'zod';
import { logActivity } from '../crm/activities';
import { activityDto, personDto } from '../crm/dto';
import { getPerson, listPeople } from '../crm/people';
import { UuidSchema } from '../crm/schemas';
import { defineTool } from './registry';

// CRM tools teammates may call directly: reads, and internal writes audited by the domain layer.
const PersonOut = z.object({ id: z.string(), kind: z.string(), firstName: z.string(), lastName: z.string(), email: z.string().nullable(), companyId: z.string().nullable(), optedOutAt: z.string().nullable() }).loose();

export const getPersonTool = defineTool({
  name: 'get_person',
  description: 'Read one person (lead or contact).',
  kind: 'read',
  input: z.object({ personId: UuidSchema }).strict(),
  output: PersonOut,
  run: async (ctx, i) => personDto(await getPerson(ctx.crm, i.personId)),
});

export const findPeopleTool = defineTool({
  name: 'find_people',
  description: 'Search people by name or email.',
  kind: 'read',
  input: z.object({ q: z.string().min(1).max(200), limit: z.number().int().min(1).max(50).default(10) }).strict(),
  output: z.object({ items: z.array(PersonOut) }),
  run: async (ctx, i) => ({ items: (await listPeople(ctx.crm, { q: i.q, limit: i.limit })).items.map(personDto) }),
});

export const logNoteTool = defineTool({
  name: 'log_note',
  description: "Add a note to a person's timeline.",
  kind: 'write',
  input: z.object({ personId: UuidSchema, summary: z.string().min(1).max(2000) }).strict(),
  output: z.object({ id: z.string() }).loose(),
  run: async (ctx, i) => activityDto(await logActivity(ctx.crm, { subjectType: 'person', subjectId: i.personId, kind: 'note', summary: i.summary })),
});
