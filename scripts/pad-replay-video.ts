// Writes a fake-camera video (Y4M) of a person's photo replayed on a phone moved as a plane, then the person's genuine
// photos, for trying the kiosk's PAD by hand or in a browser test. Photos stay in ../shared/faces; write the video to
// a temporary folder and never commit it.
//   npx tsx scripts/pad-replay-video.ts --replay PHOTO [--genuine PHOTO,PHOTO] --out /tmp/replay.y4m [--seed N] [--species S]
import { readArgs, numberArg } from '../bench/lib/cli-args';
import { ATTACK_SPECIES, type AttackSpecies } from '../bench/lib/pad/pad-plan';
import { writePadReplayVideo } from '../bench/lib/pad/replay-video';

const args = readArgs();
const replay = args.get('replay');
const out = args.get('out');
if (typeof replay !== 'string' || typeof out !== 'string') {
  console.error(
    'Usage: npx tsx scripts/pad-replay-video.ts --replay PHOTO [--genuine PHOTO,PHOTO] --out FILE.y4m [--seed N] [--species S]',
  );
  process.exit(2);
}
const species = (args.get('species') ?? 'phone-hand') as AttackSpecies;
if (!ATTACK_SPECIES.includes(species)) {
  console.error(`--species must be one of ${ATTACK_SPECIES.join(', ')}`);
  process.exit(2);
}
const genuine = typeof args.get('genuine') === 'string' ? (args.get('genuine') as string).split(',').filter(Boolean) : [];
const video = writePadReplayVideo(out, {
  replayPhoto: replay,
  genuinePhotos: genuine,
  label: 'person',
  seed: numberArg(args, 'seed', 1),
  species,
});
console.log(JSON.stringify(video));
