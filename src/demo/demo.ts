// The demo tablet for `npm start`: a fictional roster (made-up names, no real child) applied on the first run until
// district sync provides the real one, and the demo staff PIN set on the first run (documented in the README).
import demoRoster from './demo-roster.json';

export { demoRoster };

/** Set only when the tablet has no PIN yet; change it in the staff panel. */
export const DEMO_STAFF_PIN = '2468';
