import { Initial1795414403186 } from './1795414403186-Initial';

/** Applied in order; append new migrations here (the bundled backend cannot glob for them). */
export const MYSQL_MIGRATIONS = [Initial1795414403186];
