// The upcasters consumers use: one registration per older major still found in the archive.
import { UpcasterRegistry } from "./UpcasterRegistry";

/**
 * Empty today: every event is still at its first major. The first breaking change of an event adds its new schema to
 * the catalog (version + 1) and registers here the upcaster from the old major, with the old schema, so consumers
 * accept both during the migration and archived events stay replayable until the archive's retention has passed.
 * docs/analysts.md, "Schema evolution", has the whole rule.
 */
export const EVENT_UPCASTERS = new UpcasterRegistry();
