// The layers of Relais, top to bottom (DESIGN.md "Layout"). A folder may import only folders
// below it; domain folders never import server/ or portal/; graph/ never imports agents/.
const LAYERS = [
  'bench',
  'evals',
  'cli',
  'test', // entry points and test support
  'server', // the API and the composition root
  'portal', // the server-rendered Portal (mounted by server/)
  'agents', // every teammate: agents/<role>/{state,graph,nodes}
  'graph', // the runtime all agents share
  'tools',
  'channels',
  'actions',
  'identity',
  'crm',
  'france',
  'prompts', // domain
  'db', // connection, migrations, repositories, job queue
  'lib',
];

const upward = LAYERS.map((folder, i) => ({
  name: `layers-${folder}`,
  comment: `${folder}/ may import only layers below it`,
  severity: 'error',
  // a test may use test support from anywhere (it sits on top of what it tests)
  from: { path: `^${folder}/`, pathNot: '\\.test\\.tsx?$' },
  to: { path: `^(${LAYERS.slice(0, i).join('|')})/` },
})).filter((r) => LAYERS.indexOf(r.from.path.slice(1, -1)) > 0);

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'no import cycle, even inside a folder',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'query-builder-only-in-db',
      comment: 'SQL lives in db/ (repositories, migrations, the job queue): no kysely values or pg clients elsewhere',
      severity: 'error',
      from: { pathNot: '^(db|test|bench)/|\\.test\\.tsx?$' },
      to: { path: 'node_modules/(kysely|pg|pg-boss|@electric-sql)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'portal-calls-domain-functions',
      comment: 'the Portal calls domain functions, never repositories or the connection',
      severity: 'error',
      from: { path: '^portal/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^db/(repositories|connection|embedded|jobs)' },
    },
    {
      name: 'test-helpers-stay-in-test',
      comment: 'production code never imports test support',
      severity: 'error',
      from: { pathNot: '^(test|bench|evals)/|\\.test\\.tsx?$' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.relais|test-artifacts)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.json', '.d.ts'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
