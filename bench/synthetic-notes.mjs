// Synthetic therapy notes of any length (the benchmark's original workload): invented, PHI-free
// phrasing of the kind real notes contain, from a seeded generator so every run measures the same text.

// Deterministic PRNG (mulberry32).
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['R upper trapezius', 'L levator scapulae', 'lumbar paraspinals', 'R gastrocnemius', 'cervical paraspinals', 'L rhomboids'];
const ACTIVITIES = ['driving', 'overhead reaching', 'lifting groceries', 'sleeping on the right side', 'sitting at work', 'stair climbing'];
const TEMPLATES = [
  (p) => `S: Patient reports pain ${p.int(3, 8)}/10 with ${p.pick(ACTIVITIES)}; denies numbness or tingling.`,
  (p) => `O: Palpable hypertonicity and guarding ${p.pick(REGIONS)}; cervical rotation ${p.int(30, 70)} degrees, flexion ${p.int(20, 50)} degrees.`,
  (p) => `Therapeutic massage -- ${p.int(8, 30)} min: effleurage and petrissage to ${p.pick(REGIONS)} to reduce spasm limiting ${p.pick(ACTIVITIES)}.`,
  (p) => `Therapeutic exercise ${p.int(10, 25)} min: scapular retraction 2x15, chin tucks 2x10, prone extension 2x10.`,
  (p) => `Neuromuscular re-education 8:${String(p.int(0, 20)).padStart(2, '0')}-8:${p.int(30, 50)} for postural control and balance.`,
  (p) => `Manual therapy x${p.int(8, 20)}' grade II joint mobilization thoracic spine.`,
  (p) => `Total timed minutes: ${p.int(30, 60)}. Total treatment time: ${p.int(40, 70)} minutes.`,
  (p) => `No palpable spasm noted at ${p.pick(REGIONS)} today; tenderness grade ${p.int(1, 3)}.`,
  (p) => `Post: pain ${p.int(1, 4)}/10, rotation improved to ${p.int(50, 80)} degrees. Tolerated well.`,
  (p) => `A: Progressing toward goal of ${p.pick(ACTIVITIES)} without pain. ODI ${p.int(10, 40)}%, NDI ${p.int(8, 30)}.`,
  () => `Relaxation in preparation for therapeutic exercise; patient instructed in home program, ice 15 minutes at home.`,
  (p) => `P: Continue per plan of care 2x/week x 4 weeks; reassess visit ${p.int(6, 12)}. Six-minute walk test next visit.`,
  (p) => `97124-GP x${p.int(1, 2)} (${p.int(15, 30)} min); 97110-GP x1; 97140-59-GP x1.`,
  () => `Signed: J. Smith, PT, DPT. Co-treated with PTA for gait training 10 min.`,
];

export function syntheticNote(targetChars, seed = targetChars) {
  const rand = prng(seed);
  const p = {
    int: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(rand() * list.length)],
  };
  const lines = [];
  let length = 0;
  while (length < targetChars) {
    const line = p.pick(TEMPLATES)(p);
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, targetChars);
}
