import { ssnShape } from './pii-shapes.js';

/**
 * True when `input` is a structurally valid US Social Security number (`AAA-GG-SSSS`,
 * with hyphens, spaces or nothing between the parts) under SSA rules: area not `000`,
 * `666` or `900`–`999`; group not `00`; serial not `0000`. Well-known advertising
 * numbers (`078-05-1120`, `219-09-9999`) are rejected too.
 * @param input e.g. `123-45-6789`
 */
export function ssnValid(input: string): boolean {
  const w = ssnShape(input);
  if (w === -1) return false;
  const area = input.slice(0, 3);
  const group = input.slice(3 + w, 5 + w);
  const serial = input.slice(5 + 2 * w);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  const plain = area + group + serial;
  if (plain === '078051120' || plain === '219099999') return false;
  return true;
}
