// What a tablet's staff PIN must be: 4 to 8 digits, and not a run anyone would try first (one digit repeated, or digits
// stepping by 1 or 2 up or down: 0000, 1234, 2468 (the demo's PIN), 9876, 1357).

export type PinProblem = 'format' | 'guessable';

export function pinProblem(pin: string): PinProblem | null {
  if (!/^[0-9]{4,8}$/.test(pin)) return 'format';
  const digits = [...pin].map(Number);
  const step = digits[1]! - digits[0]!;
  const run = Math.abs(step) <= 2 && digits.every((d, i) => i === 0 || d - digits[i - 1]! === step);
  return run ? 'guessable' : null;
}
