// Dictated notes spell their figures out; a spelled number is read whole wherever a number is read,
// measures included ("fifty-two degrees", "six out of ten").
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const read = (note: string) => analyzeChart(note).measurements.map((m) => [m.kind, m.value]);

describe('spelled measures', () => {
  it('a hyphenated compound in degrees', () => {
    expect(read('Right shoulder flexion one hundred twenty-five degrees.')).toEqual([['rom', 125]]);
  });
  it('a spaced compound in degrees', () => {
    expect(read('Lumbar flexion forty five degrees with pain at end range.')).toContainEqual(['rom', 45]);
  });
  it('a spelled pain score out of ten', () => {
    expect(read('She rates the ache seven out of ten on waking.')).toContainEqual(['pain', 7]);
  });
  it('a digit score out of a spelled ten', () => {
    expect(read('Pain 3 out of ten after the session.')).toContainEqual(['pain', 3]);
  });
  it('a temperature in degrees is not range of motion', () => {
    expect(read('Oral temp ninety-eight degrees F at intake.')).toEqual([]);
  });
});
