// The arrows a module may draw, checked in CI (`pnpm check:deps`): services share only the event contract and the
// domain packages; domains never reach the local cloud, its emulators or test helpers; the web client is a browser
// bundle of its own, layered api → chat → views; nothing forms a cycle.
const DOMAINS = "(events|platform|conversation|screening|chat-model|memory|personas)";
const TEST_FILE = "(\\.test\\.ts$|/test/|/bench/)";
const WEB = "^apps/web/src/";
/** The protocol's frame and error types: the one part of the server the web client may name, and only as types. */
const PROTOCOL = "^packages/events/src/protocol\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "service-imports-another-service",
      comment: "A service is deployed on its own; it may share the event contract and domain packages, never another service's code.",
      severity: "error",
      from: { path: "^services/([^/]+)/" },
      to: { path: "^services/([^/]+)/", pathNot: "^services/$1/" },
    },
    {
      name: "service-imports-local-cloud",
      comment: "Services run in Lambda: the local cloud, the emulators and the test helpers must never be bundled into them.",
      severity: "error",
      // A service's unit tests may use the test helpers; what it deploys may not.
      from: { path: "^services/", pathNot: TEST_FILE },
      to: { path: "^packages/(local|emulators|testing)/" },
    },
    {
      name: "domain-imports-local-cloud",
      comment: "Domain packages are deployed inside services: their sources never import the local cloud, the emulators, test helpers or a service.",
      severity: "error",
      from: { path: `^packages/${DOMAINS}/`, pathNot: TEST_FILE },
      to: { path: "^(packages/(local|emulators|testing|analyst)|services|tests)/" },
    },
    {
      name: "emulator-imports-system",
      comment: "The emulators stand in for AWS and know nothing of the services or the local cloud that starts them.",
      severity: "error",
      from: { path: "^packages/emulators/", pathNot: TEST_FILE },
      to: { path: "^(packages/(local|testing)|services|tests)/" },
    },
    {
      name: "only-local-imports-services",
      comment: "packages/local is the one place that wires the services together.",
      severity: "error",
      from: { pathNot: "^(packages/local|services)/" },
      to: { path: "^services/" },
    },
    {
      name: "only-local-imports-web",
      comment: "The web client is built and served by the local cloud (its build script and the event tap's frame types); nothing deployed imports it.",
      severity: "error",
      from: { pathNot: "^(apps/web|packages/local|tests)/" },
      to: { path: "^apps/web/" },
    },
    {
      name: "web-imports-server",
      comment: "The web client runs in a browser: of the server's code it may name the protocol's types and nothing else.",
      severity: "error",
      from: { path: WEB },
      to: { path: "^(packages|services|infra|scripts|tests)/", pathNot: PROTOCOL },
    },
    {
      name: "web-imports-protocol-values",
      comment: "The protocol module carries zod schemas; imported for its types only, it adds nothing to the bundle (esbuild drops type imports).",
      severity: "error",
      from: { path: WEB },
      to: { path: PROTOCOL, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "web-api-imports-app",
      comment: "The HTTP API layer is the bottom of the web client: it knows the API's shapes and calls, not the chat, the views or sign-in.",
      severity: "error",
      from: { path: `${WEB}api/` },
      to: { path: WEB, pathNot: `${WEB}api/` },
    },
    {
      name: "web-logic-imports-views",
      comment: "The web client's logic (api, auth, chat, operator boards, config) draws nothing: it is unit tested without a DOM, and the local cloud imports the tap's frame types in Node.",
      severity: "error",
      from: { path: `${WEB}(api|auth|chat|operator)/|${WEB}config\\.ts$` },
      to: { path: `${WEB}(views/|dom\\.ts$|app\\.ts$|main\\.ts$)` },
    },
    {
      name: "web-view-imports-view",
      comment: "A view (views/*View.ts) is mounted by the shell (app.ts, main.ts) only; views share parts through components of their own (the persona picker, the helpline list), never another view's internals.",
      severity: "error",
      from: { pathNot: `${WEB}(app|main)\\.ts$` },
      to: { path: `${WEB}views/[^/]+View\\.ts$` },
    },
    {
      name: "no-relative-import-across-packages",
      comment: "Another workspace package is imported by its name and exports (declared in package.json), never by a relative path into its files.",
      severity: "error",
      from: { path: "^(packages|services|tests|scripts|apps)/([^/]+)/" },
      to: { dependencyTypes: ["local"], path: "^(packages|services|tests|scripts|apps)/", pathNot: "^$1/$2/" },
    },
    {
      name: "no-cycles",
      comment: "A cycle between modules makes neither side changeable alone. Cycles between packages whose files form none are found by scripts/checks/packageCycles.ts.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.sst|dist|coverage)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "default", "types"], extensions: [".ts", ".js", ".json"], mainFields: ["module", "main", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
