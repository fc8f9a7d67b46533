// Compiles an EventPattern member for PutRule, CreateArchive and TestEventPattern, mapping matcher errors to InvalidEventPatternException.
import { invalidEventPattern } from "../errors.js";
import { compileEventPattern, InvalidEventPatternError, type CompiledEventPattern } from "../eventPattern.js";

export const validatePattern = (patternText: string): CompiledEventPattern => {
  try {
    return compileEventPattern(patternText);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw invalidEventPattern(error.message, error);
    // Anything else the matcher throws is still about this pattern: the caller gets a 400 naming it, not a 500.
    throw invalidEventPattern(`Event pattern is not valid. Reason: ${error instanceof Error ? error.message : String(error)}`, error);
  }
};
