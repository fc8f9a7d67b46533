// Bytecode as readable script, for test snapshots only: gremlin's Translator with its Map and enum printing fixed.
//
// The stock Translator prints a Map as "[object Map]" and an enum as its bare name, so two different mergeV() calls
// would snapshot the same. Scripts are never sent anywhere: the store submits bytecode.
import { gremlinProcess, type GremlinBytecode } from "../../src/graph/gremlin";
//
// The stock Translator prints a Map as "[object Map]" and an enum as its bare name, so two different mergeV() calls
// would snapshot the same. Scripts are never sent anywhere: the store submits bytecode.


interface TranslatorShape {
  translate(bytecode: unknown, child?: boolean): string;
  convert(value: unknown): string;
}

const Translator = gremlinProcess.Translator as unknown as new (source: string) => TranslatorShape;
const EnumValue = gremlinProcess.EnumValue as unknown as new (...args: never[]) => { typeName: string; elementName: string };

class SnapshotTranslator extends Translator {
  override convert(value: unknown): string {
    if (value instanceof EnumValue) return `${value.typeName}.${value.elementName}`;
    if (value instanceof Map) {
      const entries = [...value.entries()].map(([key, item]) => `${key instanceof EnumValue ? `(${this.convert(key)})` : this.convert(key)}:${this.convert(item)}`);
      return `[${entries.join(", ") || ":"}]`;
    }
    return super.convert(value);
  }
}

const translator = new SnapshotTranslator("g");

export const scriptOf = (bytecode: GremlinBytecode): string => translator.translate(bytecode);
