// Domain logic, ports and adapters shared by every service.
export * from "./tables";
export * from "./runtime";
export * from "./stores";
export * from "./delivery";
export * from "./personas";
export * from "./replies";
export * from "./safety";
export * from "./models";
export * from "./prompt";
export * from "./extraction";
export * from "./graph";
export * from "./context";
