/**
 * Guest unit `idna`: a small domain-to-ASCII for non-ASCII hosts: NFC, lowercase, the IDEOGRAPHIC
 * and fullwidth full stops as dots, soft hyphens dropped, then Punycode (RFC 3492) per label. Not
 * the full UTS #46 mapping and validation. Runs inside the guest (see utf8.ts).
 */
export function idnaUnit() {
  /** RFC 3492 Punycode encoding of one label (already lowercased/normalized). */
  function punycode(label: string): string {
    const cps = Array.from(label, (ch) => ch.codePointAt(0) as number);
    let out = '';
    for (const c of cps) if (c < 0x80) out += String.fromCharCode(c);
    const basic = out.length;
    let handled = basic;
    if (basic > 0) out += '-';
    const digit = (d: number) => String.fromCharCode(d + 22 + 75 * (d < 26 ? 1 : 0));
    const adapt = (delta: number, numPoints: number, first: boolean) => {
      let k = 0;
      delta = first ? Math.floor(delta / 700) : delta >> 1;
      delta += Math.floor(delta / numPoints);
      for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
      return k + Math.floor((36 * delta) / (delta + 38));
    };
    let n = 128;
    let delta = 0;
    let bias = 72;
    while (handled < cps.length) {
      let m = Infinity;
      for (const c of cps) if (c >= n && c < m) m = c;
      delta += (m - n) * (handled + 1);
      n = m;
      for (const c of cps) {
        if (c < n) delta++;
        if (c !== n) continue;
        let q = delta;
        for (let k = 36; ; k += 36) {
          const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
          if (q < t) break;
          out += digit(t + ((q - t) % (36 - t)));
          q = Math.floor((q - t) / (36 - t));
        }
        out += digit(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
      delta++;
      n++;
    }
    return out;
  }

  /** Converts a domain with non-ASCII characters to its ASCII (`xn--`) form. */
  function domainToASCII(domain: string): string {
    const mapped = domain
      .normalize('NFC')
      .toLowerCase()
      .replace(/[\u3002\uff0e\uff61]/g, '.')
      .replace(/\u00ad/g, '');
    const labels = mapped.split('.');
    for (let i = 0; i < labels.length; i++) {
      if (!/^[\u0000-\u007f]*$/.test(labels[i])) labels[i] = 'xn--' + punycode(labels[i]);
    }
    return labels.join('.');
  }

  return { domainToASCII };
}

/** What the `idna` unit exports inside the guest. */
export type IdnaUnit = ReturnType<typeof idnaUnit>;
