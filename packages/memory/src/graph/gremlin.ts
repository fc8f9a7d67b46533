// The gremlin package is CommonJS with no named exports Node can see: import it once here and hand out the parts we use.
import gremlin from "gremlin";

export const { process: gremlinProcess, driver: gremlinDriver } = gremlin;
export type GremlinTraversalSource = gremlin.process.GraphTraversalSource;
export type GremlinTraversal = gremlin.process.GraphTraversal;
export type GremlinRemoteConnection = gremlin.driver.RemoteConnection;
export type GremlinBytecode = gremlin.process.Bytecode;
