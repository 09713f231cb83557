/** `npm run rollback -- <environment> <service>`: switch back to the other color. See release.ts. */
import { main } from './release';

main('rollback');
