import { CreateSubmissions1763780000000 } from './1763780000000-CreateSubmissions';

/** Every migration, in order. Add new ones at the end. */
export const MIGRATIONS = [CreateSubmissions1763780000000];
