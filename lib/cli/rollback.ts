/** `npm run rollback -- <environment> <service>`: switch back to the other color. See blue-green-step.ts. */
import { main } from './blue-green-step';

main('rollback');
