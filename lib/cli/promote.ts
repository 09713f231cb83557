/** `npm run promote -- <environment> <service>`: make the idle color active. See blue-green-step.ts. */
import { main } from './blue-green-step';

main('promote');
