import { describe, expect, it } from 'vitest';
import { decodeXml } from './decode.ts';
import { readCapDocument } from './read.ts';
import { CAP_12, capAlert, capDocument, capInfo } from '../../../../../tests/support/cap.ts';

/** Reads a document that must hold exactly one alert. */
function readOne(text: string) {
  const alerts = readCapDocument(text);
  expect(alerts).toHaveLength(1);
  return alerts[0]!;
}

const refusal = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return error as Error & { statusCode: number };
  }
  throw new Error('expected a refusal');
};

describe('reading what agencies write', () => {
  it('skips a DOCTYPE without entities, and says so', () => {
    const { deviations } = readOne(`<!DOCTYPE alert SYSTEM "cap.dtd">${capAlert()}`);
    expect(deviations).toEqual(['a DOCTYPE: ignored, as Vaka reads no DTD']);
  });

  it('decodes references once and HTML character names, keeps CDATA as written, and leaves unknown entities alone', () => {
    const { alert, deviations } = readOne(
      capAlert({
        infos: [
          capInfo({
            headline:
              'Storm &amp; regn &#8211; &amp;lt;inte&amp;gt; &#x00E5;ska&nbsp;nu &eacute;t&eacute; &foo;',
            description: '<![CDATA[Vind &amp; <b>regn</b>]]>',
          }),
        ],
      }),
    );
    expect(alert.infos[0]?.headline).toBe('Storm & regn – &lt;inte&gt; åska\u00A0nu été &foo;');
    expect(alert.infos[0]?.description).toBe('Vind &amp; <b>regn</b>');
    expect(deviations).toEqual([
      'the HTML reference &nbsp; (not XML): read as "\u00A0"',
      'the HTML reference &eacute; (not XML): read as "é"',
      'the reference &foo; names no entity XML defines: left as written',
    ]);
  });

  it('reads CAP 1.0: its namespace, password, "Very Likely" and name=value parameters', () => {
    const info = capInfo({
      extra: '<parameter>VTEC=/O.NEW.KLOX.FF.W/</parameter>',
    }).replace('<certainty>Likely</certainty>', '<certainty>Very Likely</certainty>');
    const { alert, deviations } = readOne(
      capAlert({
        namespace: 'http://www.incident.com/cap/1.0',
        infos: [info],
      }).replace('<sent>', '<password>secret</password><sent>'),
    );
    expect(alert.version).toBe('1.0');
    expect(alert.infos[0]).toMatchObject({
      certainty: 'Likely',
      parameters: [{ valueName: 'VTEC', value: '/O.NEW.KLOX.FF.W/' }],
    });
    expect(JSON.stringify(alert)).not.toContain('secret');
    expect(deviations).toEqual([
      'CAP 1.0 namespace: read as CAP 1.2',
      'a <password> (CAP 1.0): not kept',
      'element <parameter> after <area> in <info>',
      'certainty "Very Likely" read as Likely',
      '<parameter> written as "name=value" text (CAP 1.0)',
    ]);
  });

  it('reads values in other capitals, times in other forms, and loose references', () => {
    const { alert, deviations } = readOne(
      capAlert({
        status: 'actual',
        msgType: 'update',
        sent: '2026-11-22T09:00:00Z',
        references:
          'smhi.se,a-1,2026-11-22T08:00:00.5+01:00,smhi.se,a-2,2026-11-22T08:30:00+01:00 smhi.se,a-3',
        infos: [
          capInfo({ severity: 'severe' }).replace(
            '<senderName>',
            '<effective>2026-11-22 10:00</effective><senderName>',
          ),
        ],
      }),
    );
    expect(alert).toMatchObject({
      status: 'Actual',
      msgType: 'Update',
      sent: '2026-11-22T09:00:00.000Z',
      references: [
        { sender: 'smhi.se', identifier: 'a-1', sent: '2026-11-22T07:00:00.500Z' },
        { sender: 'smhi.se', identifier: 'a-2', sent: '2026-11-22T07:30:00.000Z' },
        { sender: 'smhi.se', identifier: 'a-3' },
      ],
    });
    expect(alert.infos[0]).toMatchObject({
      severity: 'Severe',
      effective: '2026-11-22T10:00:00.000Z',
    });
    expect(deviations).toEqual([
      '<sent> "2026-11-22T09:00:00Z" is not in CAP\'s form (2024-05-01T14:00:00+02:00)',
      '<references> separated by commas instead of spaces',
      '<references> "2026-11-22T08:00:00.5+01:00" is not in CAP\'s form (2024-05-01T14:00:00+02:00)',
      'a reference without its sent time: "smhi.se,a-3"',
      'status "actual" read as Actual',
      'msgType "update" read as Update',
      'severity "severe" read as Severe',
      '<effective> "2026-11-22 10:00" is not in CAP\'s form (2024-05-01T14:00:00+02:00), and has no time zone: UTC assumed',
    ]);
  });

  it('swaps coordinates written as lon,lat, and reads circles and several geocodes', () => {
    const { alert, deviations } = readOne(
      capAlert({
        infos: [
          capInfo({
            polygon: '120.1,23.8 120.2,23.8 120.2,23.7 120.1,23.7 120.1,23.8',
            circle: '59.31,18.07 2.5',
          }).replace(
            '</area>',
            '<geocode><valueName>a</valueName><value>1</value><valueName>b</valueName><value>2</value></geocode></area>',
          ),
        ],
      }),
    );
    const [area] = alert.infos[0]!.areas;
    expect(area?.polygons[0]?.[0]).toEqual({ lat: 23.8, lon: 120.1 });
    expect(area?.circles).toEqual([{ center: { lat: 59.31, lon: 18.07 }, radiusKm: 2.5 }]);
    expect(area?.geocodes).toEqual([
      { valueName: 'a', value: '1' },
      { valueName: 'b', value: '2' },
    ]);
    expect(deviations).toEqual([
      'a <polygon> has its coordinates as longitude,latitude: swapped',
      'several name-value pairs in one <geocode>',
    ]);
  });

  it('reads bare ampersands, and whitespace before the declaration', () => {
    const { alert, deviations } = readOne(
      `\n  <?xml version="1.0"?>${capAlert({ infos: [capInfo({ headline: 'Wind & rain <![CDATA[&amp;]]>' }).replace('</info>', '<web>https://example.org/?a=1&b=2</web></info>')] })}`,
    );
    expect(alert.infos[0]?.headline).toBe('Wind & rain &amp;');
    expect(alert.infos[0]?.web).toBe('https://example.org/?a=1&b=2');
    expect(deviations).toEqual([
      'whitespace before the XML declaration: ignored',
      'a bare & (not written &amp;): read as &',
      'element <web> after <area> in <info>',
    ]);
  });

  it('finds an alert inside an enveloping signature', () => {
    const signed = `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/><Object>${capAlert({ identifier: 'enveloped-1' })}</Object></Signature>`;
    expect(readOne(signed).alert.identifier).toBe('enveloped-1');
  });

  it('removes control characters XML does not allow', () => {
    const { alert, deviations } = readOne(
      capAlert({ infos: [capInfo({ headline: 'Storm\u0000 över\u001b Södermalm' })] }),
    );
    expect(alert.infos[0]?.headline).toBe('Storm över Södermalm');
    expect(deviations).toEqual(['control characters, which XML does not allow: removed']);
  });

  it('reads a polygon written with commas only', () => {
    const { alert, deviations } = readOne(
      capAlert({
        infos: [
          capInfo({ polygon: '59.32,18.05,59.32,18.10,59.30,18.10,59.30,18.05,59.32,18.05' }),
        ],
      }),
    );
    expect(alert.infos[0]?.areas[0]?.polygons[0]).toHaveLength(5);
    expect(deviations).toEqual(['a <polygon> with commas between its points']);
  });

  it('ignores elements of other namespaces and takes odd element names as unknown', () => {
    const { deviations } = readOne(
      capAlert({
        first:
          '<x:extra xmlns:x="urn:example:extension">1</x:extra><constructor/><__proto__>2</__proto__>',
      }),
    );
    expect(deviations).toEqual([
      'element <x:extra> of another namespace (urn:example:extension) in <alert>: ignored',
      'unknown element <constructor> in <alert>',
      'unknown element <__proto__> in <alert>',
    ]);
  });

  it('reads an alert without a namespace, and one with a namespace Vaka does not know', () => {
    expect(readOne(capAlert({ namespace: '' }).replace(' xmlns=""', '')).deviations).toEqual([
      'no CAP namespace: read as CAP 1.2',
    ]);
    expect(readOne(capAlert({ namespace: 'urn:example:cap' })).deviations).toEqual([
      'unknown namespace "urn:example:cap": read as CAP 1.2',
    ]);
  });

  it('takes alerts inside an Atom feed, as elements or as escaped text', () => {
    const escaped = capAlert({ identifier: 'escaped-1' })
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
    const feed = (content: string) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="application/cap+xml">${content}</content></entry></feed>`;
    expect(readOne(feed(capAlert({ identifier: 'inline-1' }))).deviations).toEqual([
      'delivered inside an Atom feed, not as a CAP document of its own',
    ]);
    const { alert, deviations } = readOne(feed(escaped));
    expect(alert.identifier).toBe('escaped-1');
    expect(deviations).toEqual(['delivered as escaped text inside <content> of an Atom feed']);
  });

  it('takes several alerts side by side without a wrapper', () => {
    const alerts = readCapDocument(`${capAlert()}\n${capAlert()}`);
    expect(alerts).toHaveLength(2);
    expect(alerts[0]?.deviations).toEqual([
      '2 root elements in one document, where XML allows one',
    ]);
  });

  it('lists at most 100 deviations, and counts the rest', () => {
    const unknown = Array.from({ length: 150 }, (_, index) => `<extra${index}/>`).join('');
    const { deviations } = readOne(capAlert({ first: unknown }));
    expect(deviations).toHaveLength(101);
    expect(deviations[100]).toBe('and 50 more deviations');
  });

  it('refuses a document nested deeper than any alert needs', () => {
    const deep = `${'<a>'.repeat(100)}${capAlert()}${'</a>'.repeat(100)}`;
    expect(refusal(() => readCapDocument(deep))).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/could not be read as XML \(Maximum nested tags exceeded\)/),
    });
  });

  it('refuses an <alert> of another vocabulary', () => {
    expect(refusal(() => readCapDocument('<alert><level>3</level></alert>'))).toMatchObject({
      statusCode: 422,
      message: expect.stringMatching(/none of CAP's <identifier>, <sender> or <sent>/),
    });
  });
});

describe('reading the bytes', () => {
  const text = capDocument(capAlert({ infos: [capInfo({ headline: 'Åska' })] }));

  it('reads UTF-16 without a byte order mark, and says so', () => {
    const decoded = decodeXml(Buffer.from(text.replace('UTF-8', 'UTF-16'), 'utf16le'));
    expect(decoded.deviations).toEqual(['UTF-16 without a byte order mark: read as UTF-16LE']);
    expect(readOne(decoded.text).alert.infos[0]?.headline).toBe('Åska');
  });

  it('reads a document that claims UTF-16 but is written in 8 bits', () => {
    const decoded = decodeXml(Buffer.from(text.replace('UTF-8', 'UTF-16'), 'utf8'));
    expect(decoded.deviations).toEqual([
      'the XML declaration names UTF-16 but the document is written in an 8-bit encoding: read as utf-8',
    ]);
    expect(readOne(decoded.text).alert.infos[0]?.headline).toBe('Åska');
  });

  it('prefers the XML declaration to a Content-Type charset that disagrees', () => {
    const latin = Buffer.from(text.replace('UTF-8', 'windows-1252'), 'latin1');
    const decoded = decodeXml(latin, 'utf-8');
    expect(decoded.encoding).toBe('windows-1252');
    expect(readOne(decoded.text).alert.infos[0]?.headline).toBe('Åska');
  });

  it('reads an encoding nobody knows as UTF-8, and says so', () => {
    const decoded = decodeXml(Buffer.from(text.replace('UTF-8', 'x-martian'), 'utf8'));
    expect(decoded.deviations).toEqual([
      'the encoding "x-martian" is not one Vaka knows: read as UTF-8',
    ]);
    expect(readOne(decoded.text).alert.infos[0]?.headline).toBe('Åska');
  });

  it('refuses UTF-32', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('<', 'utf8')]);
    expect(refusal(() => decodeXml(bytes))).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/UTF-32/),
    });
  });
});

describe('the document of a CAP namespace', () => {
  it('reads the 1.2 namespace written with a trailing slash', () => {
    expect(readOne(capAlert({ namespace: `${CAP_12}/` })).deviations).toEqual([
      `the CAP namespace written as "${CAP_12}/"`,
    ]);
  });
});
