// JSON Schemas of the server → client frames, derived from the `ServerFrames` interface itself with the TypeScript checker.
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { ServerFrameType } from "@innerworld/events";

export type JsonSchema = Record<string, unknown>;

/**
 * The server frames' source of truth is a TypeScript interface (protocol.ts), not a zod schema: the server only sends
 * them, so nothing parses them at runtime. Deriving their schemas from the interface keeps one definition; writing zod
 * twins would have been a second one to keep in step. This reads the interface through the compiler and maps its
 * property types (strings, numbers, booleans, literal unions, arrays, nested objects, optional members) to JSON Schema.
 */
export const PROTOCOL_FILE = fileURLToPath(new URL("../../../events/src/protocol.ts", import.meta.url));

class UnsupportedTypeError extends Error {
  override readonly name = "UnsupportedTypeError";
}

const describe = (checker: ts.TypeChecker, symbol: ts.Symbol): string | undefined => {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  return text.length > 0 ? text : undefined;
};

/** Types from the standard library (Date, Map, Promise...) have no faithful JSON form: a frame must not carry them. */
const isLibraryType = (program: ts.Program, type: ts.Type): boolean => {
  const declarations = type.getSymbol()?.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
};

const schemaOf = (program: ts.Program, type: ts.Type, where: string): JsonSchema => {
  const checker = program.getTypeChecker();
  if (type.flags & ts.TypeFlags.String) return { type: "string" };
  if (type.flags & ts.TypeFlags.Number) return { type: "number" };
  if (type.flags & ts.TypeFlags.Boolean) return { type: "boolean" };
  if (type.isStringLiteral()) return { type: "string", const: type.value };
  if (type.isNumberLiteral()) return { type: "number", const: type.value };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: "boolean", const: (type as unknown as { intrinsicName: string }).intrinsicName === "true" };
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (members.length === 1) return schemaOf(program, members[0]!, where);
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (members.every((t) => t.isStringLiteral())) return { type: "string", enum: members.map((t) => (t as ts.StringLiteralType).value) };
    return { anyOf: members.map((t) => schemaOf(program, t, where)) };
  }
  if (checker.isArrayType(type)) {
    const [item] = checker.getTypeArguments(type as ts.TypeReference);
    if (!item) throw new UnsupportedTypeError(`${where}: an array without an item type`);
    return { type: "array", items: schemaOf(program, item, `${where}[]`) };
  }
  if (type.flags & ts.TypeFlags.Object && !isLibraryType(program, type) && checker.getSignaturesOfType(type, ts.SignatureKind.Call).length === 0) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) throw new UnsupportedTypeError(`${where}.${property.name}: no declaration`);
      const schema = schemaOf(program, checker.getTypeOfSymbolAtLocation(property, declaration), `${where}.${property.name}`);
      const description = describe(checker, property);
      properties[property.name] = description ? { ...schema, description } : schema;
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
  }
  throw new UnsupportedTypeError(`${where}: ${checker.typeToString(type)} has no JSON Schema mapping here; extend serverFrameSchemas.ts`);
};

/** Payload schema of every server frame type, in the interface's declaration order. */
export const deriveServerFramePayloadSchemas = (protocolFile: string = PROTOCOL_FILE): Record<ServerFrameType, JsonSchema> => {
  const program = ts.createProgram([protocolFile], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(protocolFile);
  if (!source) throw new Error(`Cannot read ${protocolFile}`);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "ServerFrames");
  if (!declaration) throw new Error(`${protocolFile} declares no interface ServerFrames`);
  const framesType = checker.getTypeAtLocation(declaration);
  const schemas: Record<string, JsonSchema> = {};
  for (const frame of checker.getPropertiesOfType(framesType)) {
    const declarationOfFrame = frame.valueDeclaration ?? frame.declarations?.[0];
    if (!declarationOfFrame) continue;
    schemas[frame.name] = schemaOf(program, checker.getTypeOfSymbolAtLocation(frame, declarationOfFrame), `ServerFrames.${frame.name}`);
  }
  return schemas as Record<ServerFrameType, JsonSchema>;
};
