// The layering of the README's architecture section, checked by `npm run lint` (dependency-cruiser).
// A request travels route → service → domain / repository → view; nothing reaches back up.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'server/domain holds the rules as pure functions: no framework, no database, no renderer, no I/O layer.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: {
        path: [
          '^server/(repositories|services|routes|middleware|db|documents|signing|cli|seed)/', '^server/(app|index|config)[.]ts$', '^models/',
          '(^|/)node_modules/(express|drizzle-orm|pdfkit|docx|pg|@electric-sql|ejs|liquidjs|multer|passport|pino)(/|$)',
          '^node:(fs|net|http|child_process)$', '^(fs|net|http|child_process)$',
        ],
      },
    },
    {
      name: 'repositories-are-queries',
      comment: 'Repositories run queries and return plain rows: they know nothing of routes, services or views.',
      severity: 'error',
      from: { path: '^server/repositories/' },
      to: { path: ['^server/(routes|services|middleware)/', '^views/'] },
    },
    {
      name: 'routes-call-services',
      comment: 'A route parses, calls one service and renders: it never queries the database itself.',
      severity: 'error',
      from: { path: '^server/routes/' },
      to: { path: ['^server/repositories/', '^server/db/', '^models/', '(^|/)node_modules/drizzle-orm(/|$)'] },
    },
    {
      name: 'models-are-schema',
      comment: 'The Drizzle schema stands alone: it imports no server code.',
      severity: 'error',
      from: { path: '^models/' },
      to: { path: '^server/' },
    },
    {
      name: 'nothing-imports-a-route',
      comment: 'Routes are leaves: only the app (and other routes, for shared route helpers) import them.',
      severity: 'error',
      from: { path: '^server/', pathNot: ['^server/routes/', '^server/app[.]ts$'] },
      to: { path: '^server/routes/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes the order of module evaluation matter and the layers meaningless.',
      severity: 'error',
      from: { path: '^(server|models)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs'] },
  },
};
