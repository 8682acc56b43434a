import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createApiToken, CreatedTokenSchema, listTokens, revokeToken, TokenCreateSchema, TokenDtoSchema, TokenScopeSchema } from '../../identity/tokens';
import { listSchema } from '../../crm/dto';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

// Settings → Jetons d’accès: everyone lists, creates and revokes their own API tokens; an
// administrator lists and revokes the workspace's. A token is shown once, when it is made.
const tags = ['Tokens'];
const TokenListQuery = z.object({ scope: TokenScopeSchema.optional() }).strict();

export const tokensRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags,
      security,
      description:
        'The caller’s tokens (scope=mine, the default), or every token of the workspace (scope=workspace, administrators): API tokens and one-time sign-in links not used yet, never revoked ones, never a secret.',
      request: { query: TokenListQuery },
      responses: responses({ 200: 'the tokens, newest first', 403: 'scope=workspace is admin-only' }, listSchema(TokenDtoSchema)),
    }),
    async (c) => c.json({ items: await listTokens(c.get('crm'), c.req.valid('query').scope ?? 'mine') }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags,
      security,
      description: 'A new API token for the caller, with an optional expiry (in the future). The token is in this answer only.',
      request: { body: jsonBody(TokenCreateSchema) },
      responses: responses({ 201: 'created: the token, shown this once' }, CreatedTokenSchema),
    }),
    async (c) => c.json(await createApiToken(c.get('crm'), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags,
      security,
      description: 'Revoke a token at once: one’s own, or (administrators) any of the workspace’s.',
      request: { params: IdParam },
      responses: responses({ 204: 'revoked', 403: 'another person’s token: admin-only' }),
    }),
    async (c) => {
      await revokeToken(c.get('crm'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
