/**
 * Guest unit `ip`: IPv4 (with the WHATWG number forms: hex, octal, fewer than four parts) and
 * IPv6 parsing and serialization. Loaded only for hosts that need it. Runs inside the guest
 * (see utf8.ts).
 */
export function ipUnit() {
  function parseIPv4Number(s: string): number | null {
    if (s === '') return null;
    let radix = 10;
    if (s.length >= 2 && (s[1] === 'x' || s[1] === 'X') && s[0] === '0') {
      s = s.slice(2);
      radix = 16;
    } else if (s.length >= 2 && s[0] === '0') {
      s = s.slice(1);
      radix = 8;
    }
    if (s === '') return 0;
    const ok = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
    return ok.test(s) ? parseInt(s, radix) : null;
  }

  function parseIPv4(s: string): string | null {
    const parts = s.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const n = parseIPv4Number(parts[i]);
      if (n === null) return null;
      nums.push(n);
    }
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    const last = nums[nums.length - 1];
    if (last >= Math.pow(256, 5 - nums.length)) return null;
    let ipv4 = last;
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * Math.pow(256, 3 - i);
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      out.unshift(ipv4 % 256);
      ipv4 = Math.floor(ipv4 / 256);
    }
    return out.join('.');
  }

  const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

  function parseIPv6(s: string): number[] | null {
    const a = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0;
    let compress: number | null = null;
    let p = 0;
    const len = s.length;
    if (s[p] === ':') {
      if (s[p + 1] !== ':') return null;
      p += 2;
      compress = ++piece;
    }
    while (p < len) {
      if (piece === 8) return null;
      if (s[p] === ':') {
        if (compress !== null) return null;
        p++;
        compress = ++piece;
        continue;
      }
      let value = 0;
      let length = 0;
      while (length < 4 && isHex(s[p])) {
        value = value * 16 + parseInt(s[p], 16);
        p++;
        length++;
      }
      if (s[p] === '.') {
        if (length === 0 || piece > 6) return null;
        p -= length;
        let numbersSeen = 0;
        while (p < len) {
          let v4: number | null = null;
          if (numbersSeen > 0) {
            if (s[p] === '.' && numbersSeen < 4) p++;
            else return null;
          }
          if (!isDigit(s[p])) return null;
          while (isDigit(s[p])) {
            const n = s.charCodeAt(p) - 48;
            if (v4 === null) v4 = n;
            else if (v4 === 0) return null;
            else v4 = v4 * 10 + n;
            if (v4 > 255) return null;
            p++;
          }
          a[piece] = a[piece] * 256 + (v4 as number);
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) piece++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (s[p] === ':') {
        p++;
        if (p >= len) return null;
      } else if (p < len) return null;
      a[piece++] = value;
    }
    if (compress !== null) {
      let swaps = piece - compress;
      piece = 7;
      while (piece !== 0 && swaps > 0) {
        const t = a[compress + swaps - 1];
        a[compress + swaps - 1] = a[piece];
        a[piece] = t;
        piece--;
        swaps--;
      }
    } else if (piece !== 8) return null;
    return a;
  }

  function serializeIPv6(a: number[]): string {
    let best = -1;
    let bestLen = 1;
    for (let i = 0; i < 8;) {
      if (a[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    let out = '';
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && a[i] === 0) continue;
      ignore0 = false;
      if (best === i) {
        out += i === 0 ? '::' : ':';
        ignore0 = true;
        continue;
      }
      out += a[i].toString(16);
      if (i !== 7) out += ':';
    }
    return out;
  }

  return { parseIPv4Number, parseIPv4, parseIPv6, serializeIPv6 };
}

/** What the `ip` unit exports inside the guest. */
export type IpUnit = ReturnType<typeof ipUnit>;
