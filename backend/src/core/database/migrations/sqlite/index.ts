import { Initial1795414402110 } from './1795414402110-Initial';

/** Applied in order; append new migrations here (the bundled backend cannot glob for them). */
export const SQLITE_MIGRATIONS = [Initial1795414402110];
