// Pairing a tablet by hand (kiosk address #district): the district address and the one-time code from the district
// admin, or the whole pairing link (it carries the district key's fingerprint). The tablet makes its own
// non-extractable key; only the public half leaves it. A paired tablet stays paired.
import { useEffect, useState } from 'preact/hooks';
import { parsePairingInput, type KioskCommands } from '../../runtime/screen-api';
import { syncProblemKey } from '../i18n/sync.messages';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import './sync.css';

interface Props {
  commands: Pick<KioskCommands, 'pairing' | 'pair'>;
  /** The district the kiosk would pair with (the build's district, else its own origin). */
  defaultAddress: string;
  t: (key: MessageKey, params?: Params) => string;
}

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'paired'; siteId: string } | { kind: 'failed'; reason: string };

export function PairingPanel({ commands, defaultAddress, t }: Props) {
  const [address, setAddress] = useState(defaultAddress);
  const [code, setCode] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    void commands.pairing().then((p) => p && setState({ kind: 'paired', siteId: p.siteId }));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const link = parsePairingInput(code);
    if (link === null) return setState({ kind: 'failed', reason: t('sync.pair.badCode') });
    setState({ kind: 'busy' });
    // The code alone, or the whole link (pairKiosk reads the district key's fingerprint from it).
    const outcome = await commands.pair(
      link.fingerprint === null ? link.code : `${link.code} ${link.fingerprint}`,
      address.trim().replace(/\/$/, ''),
    );
    if (outcome.kind === 'paired' || outcome.kind === 'already-paired') setState({ kind: 'paired', siteId: outcome.pairing.siteId });
    else if (outcome.kind === 'refused') {
      const key = syncProblemKey(outcome.error.code);
      setState({ kind: 'failed', reason: key === null ? outcome.error.message : t(key) });
    } else if (outcome.kind === 'unverified') setState({ kind: 'failed', reason: t('sync.problem.answer-unverified') });
    else setState({ kind: 'failed', reason: t('sync.pair.unreachable', { address }) });
  };
  const back = () => {
    location.hash = '';
    location.reload();
  };

  return (
    <section class="pairing-panel" data-testid="pairing-panel">
      <h2>{t('sync.pair.title')}</h2>
      {state.kind === 'paired' ? (
        <p data-testid="pairing-done">{t('sync.pair.done', { site: state.siteId })}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('sync.pair.address')}{' '}
            <input value={address} onInput={(e) => setAddress((e.target as HTMLInputElement).value)} inputMode="url" />
          </label>
          <label>
            {t('sync.pair.code')}{' '}
            <input
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
              autoComplete="off"
              data-testid="pairing-code"
            />
          </label>
          <button type="submit" disabled={state.kind === 'busy'}>
            {t('sync.pair.submit')}
          </button>
          {state.kind === 'failed' && (
            <p class="warning" data-testid="pairing-failed">
              {state.reason}
            </p>
          )}
        </form>
      )}
      <button type="button" onClick={back}>
        {t('sync.pair.back')}
      </button>
    </section>
  );
}
