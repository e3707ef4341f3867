// What the gate's screen means for the self-update: a greeting, a request for the bracelet or a face in front of the
// camera is someone at the gate (the update waits); the empty camera view is not. Pure, so it is tested in Node.
import type { GateScreen } from '../gate/gate-controller';
import type { ActivityKind } from './activity';

export function activityOfScreen(screen: GateScreen): ActivityKind | null {
  switch (screen.kind) {
    case 'greeting':
      return 'greeting';
    case 'ask-bracelet':
    case 'unknown-bracelet':
    case 'confirm':
    case 'mismatch':
    case 'pickup-asked':
    case 'pickup-no-child':
    case 'pickup-refused':
      return 'bracelet';
    case 'watching':
      return screen.advice === null || screen.advice === 'no-face' ? null : 'face';
  }
}
