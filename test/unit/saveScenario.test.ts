// Saving a walk as a scenario (the core's scenarioInsertion): the text inserted under
// `scenarios:` wherever and however the file writes them (at the end, in the middle, in
// braces, as an empty key, absent), in the file's indentation and line breaks, every value
// quoted so that YAML reads it back unchanged; an insertion only, whose scenario passes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  analyze,
  doubleQuoted,
  scenarioInsertion,
  scenarioRuns,
  yamlName,
  yamlValue,
  type ScenarioDraft,
} from '../../server/src/core';
import { ROOT } from '../support/paths';

const WALK_FACTS = fs.readFileSync(
  path.join(ROOT, 'test', 'inputs', 'walk-facts.pathway.yaml'),
  'utf8',
);

/** The walk-facts pathway without its scenarios (nor the blank line before them). */
const NO_SCENARIOS = WALK_FACTS.slice(0, WALK_FACTS.indexOf('\n\nscenarios:') + 1);

const TO_DISCHARGE: ScenarioDraft = {
  end: 'discharge',
  facts: [
    { input: 'red-flag', values: [false] },
    { input: 'weeks', values: [8] },
    { input: 'pain', values: [6, 3] },
    { input: 'response', values: ['improved'] },
  ],
  choose: [{ decision: 'preference', to: 'home-programme' }],
};

/** The value of `v` in a line of YAML, as the `yaml` package reads it. */
function read(line: string): unknown {
  return (parse(line) as { v: unknown }).v;
}

interface Saved {
  readonly id: string;
  readonly text: string;
  readonly inserted: string;
}

/** Saves the draft into `text`, checking what every save must be, and gives the new text. */
function save(text: string, draft: ScenarioDraft = TO_DISCHARGE): Saved {
  const found = scenarioInsertion(analyze(text), draft);
  assert.ok(found.ok, found.ok ? '' : found.message);
  const after = text.slice(0, found.offset) + found.text + text.slice(found.offset);
  // Only text added: every comment and every space of the file is where it was.
  assert.equal(after.slice(0, found.offset) + after.slice(found.offset + found.text.length), text);
  assert.equal(after.slice(found.idStart, found.idStart + found.id.length), found.id);
  // The new scenario passes, and the file has no finding it did not have.
  const analysis = analyze(after);
  assert.ok(analysis.model);
  const outcome = scenarioRuns(analysis.model, analysis.parsed.text).outcomes.get(found.id);
  assert.equal(outcome?.status, 'passed', outcome?.status === 'passed' ? '' : outcome?.status);
  const before = new Set(analyze(text).findings.map((f) => f.code));
  assert.deepEqual(
    analysis.findings.filter((f) => !before.has(f.code)).map((f) => f.message),
    [],
  );
  return { id: found.id, text: after, inserted: found.text };
}

function refused(text: string, draft: ScenarioDraft): string {
  const found = scenarioInsertion(analyze(text), draft);
  assert.ok(!found.ok, 'refused');
  return found.message;
}

describe('saving a walk as a scenario (core)', () => {
  describe('YAML values', () => {
    it('names are plain unless YAML would read them as something else', () => {
      assert.equal(yamlName('improved'), 'improved');
      assert.equal(yamlName('weeks-of-symptoms'), 'weeks-of-symptoms');
      assert.equal(yamlName('red_flag2'), 'red_flag2');
      for (const word of ['yes', 'No', 'ON', 'off', 'y', 'N', 'null', 'Null', 'true', 'False'])
        assert.equal(yamlName(word), `"${word}"`, word);
      assert.equal(yamlName('a b'), '"a b"');
      assert.equal(yamlName('1st'), '"1st"');
    });

    it('values: booleans and numbers as YAML writes them, -0 as 0', () => {
      assert.equal(yamlValue(true), 'true');
      assert.equal(yamlValue(false), 'false');
      assert.equal(yamlValue(8), '8');
      assert.equal(yamlValue(-2.5), '-2.5');
      assert.equal(yamlValue(-0), '0');
      assert.equal(yamlValue(1e21), '1e+21');
      assert.equal(read(`v: ${yamlValue(1e21)}`), 1e21);
      assert.equal(yamlValue('unchanged'), 'unchanged');
    });

    it('double-quoted text reads back the same, whatever it holds', () => {
      const texts = [
        'Walked through to “Discharge”',
        'He said "no" \\ twice',
        'line one\nline two\ttabbed',
        'bell \u0007, escape \u001b, delete \u007f, next line \u0085',
        'separators \u2028 \u2029 and a byte order mark \ufeff',
        'non-characters \ufffe \uffff',
        'emoji 🩺 and accents é ü',
        '# not a comment: {not: a map} [nor, a list] &anchor *alias !tag %directive',
        '',
      ];
      for (const text of texts) {
        const quoted = doubleQuoted(text);
        assert.equal(read(`v: ${quoted}`), text, JSON.stringify(text));
        assert.doesNotMatch(quoted, /[\n\r\u0085\u2028\u2029]/, 'one line');
      }
    });
  });

  describe('where the scenario goes', () => {
    it('with no scenarios, a "scenarios" key is added at the end, after a blank line, in the file’s indentation', () => {
      const saved = save(NO_SCENARIOS);
      assert.equal(saved.id, 'walk-to-discharge');
      assert.equal(
        saved.inserted,
        [
          '',
          'scenarios:',
          '  walk-to-discharge:',
          '    title: "Walked through to “Discharge with a self-management plan”"',
          '    facts:',
          '      red-flag: false',
          '      weeks: 8',
          '      pain: [6, 3]',
          '      response: improved',
          '    choose:',
          '      preference: home-programme',
          '    expect:',
          '      end: discharge',
          '',
        ].join('\n'),
      );
      assert.ok(saved.text.endsWith('      end: discharge\n'));
    });

    it('a file without a last line break gets one before the new key', () => {
      const saved = save(NO_SCENARIOS.trimEnd());
      assert.match(saved.text, /Specialist spinal opinion\n\nscenarios:\n {2}walk-to-discharge:\n/);
    });

    it('after the last scenario, at the end of the file, keeping the blank lines between scenarios', () => {
      const saved = save(WALK_FACTS);
      // The scenarios there are set apart by a blank line (between the last two): so is this one.
      assert.ok(saved.text.startsWith(WALK_FACTS));
      assert.ok(saved.inserted.startsWith('\n  walk-to-discharge:\n    title: '));
    });

    it('after the last scenario in the middle of the file, before the next key and its comment', () => {
      const middle = WALK_FACTS.replace('\nsteps:', '\n# The steps\nsteps:');
      const scenarios = middle.slice(middle.indexOf('scenarios:'));
      const text = middle
        .replace(scenarios, '')
        .replace('\n# The steps\nsteps:', `\n${scenarios}\n# The steps\nsteps:`);
      const saved = save(text);
      const at = saved.text.indexOf('  walk-to-discharge:');
      assert.ok(at > saved.text.indexOf('better-second-time'));
      assert.ok(at < saved.text.indexOf('# The steps'));
      assert.match(saved.text, /end: discharge\n\n# The steps\nsteps:/);
    });

    it('in the indentation the file’s scenarios use (four spaces), even where its steps use two', () => {
      const text = `${NO_SCENARIOS}scenarios:\n    red-flag-first:\n        title: Red flag\n        facts:\n            red-flag: true\n        expect:\n            end: urgent\n`;
      const saved = save(text);
      assert.equal(
        saved.inserted,
        [
          '    walk-to-discharge:',
          '        title: "Walked through to “Discharge with a self-management plan”"',
          '        facts:',
          '            red-flag: false',
          '            weeks: 8',
          '            pain: [6, 3]',
          '            response: improved',
          '        choose:',
          '            preference: home-programme',
          '        expect:',
          '            end: discharge',
          '',
        ].join('\n'),
      );
    });

    it('a file indented by four spaces throughout gets a new "scenarios" in four', () => {
      const text = [
        'pathway: 1',
        'id: four',
        'title: Four spaces',
        'version: "1"',
        'population: Adults',
        'start: done',
        'steps:',
        '    done:',
        '        kind: end',
        '        title: Done',
        '',
      ].join('\n');
      const saved = save(text, { end: 'done', facts: [], choose: [] });
      assert.equal(
        saved.inserted,
        '\nscenarios:\n    walk-to-done:\n        title: "Walked through to “Done”"\n        expect:\n            end: done\n',
      );
    });

    it('under an empty "scenarios:" key, and before a comment after it', () => {
      const saved = save(`${NO_SCENARIOS}scenarios:   # examples to come\n# end of file\n`);
      assert.match(
        saved.text,
        /scenarios: {3}# examples to come\n {2}walk-to-discharge:\n[^]*end: discharge\n# end of file\n$/,
      );
    });

    it('in braces, as one more entry in braces', () => {
      const empty = save(`${NO_SCENARIOS}scenarios: {}\n`);
      assert.match(
        empty.text,
        /scenarios: \{ walk-to-discharge: \{ title: "[^"]+", facts: \{ red-flag: false, weeks: 8, pain: \[6, 3\], response: improved \}, choose: \{ preference: home-programme \}, expect: \{ end: discharge \} \}\}\n$/,
      );
      const one = save(
        `${NO_SCENARIOS}scenarios: { a: { facts: { red-flag: true }, expect: { end: urgent } } }\n`,
      );
      assert.match(one.text, /end: urgent \} \}, walk-to-discharge: \{ title: .* \} \} \}\n$/);
    });

    it('keeps the file’s CRLF line breaks', () => {
      const saved = save(WALK_FACTS.replace(/\n/g, '\r\n'));
      assert.ok(saved.inserted.includes('\r\n    title: '));
      assert.doesNotMatch(saved.inserted.replace(/\r\n/g, ''), /\n/);
    });

    it('a new id when "walk-to-<end>" is taken, numbered on', () => {
      const first = save(NO_SCENARIOS);
      const second = save(first.text);
      assert.equal(second.id, 'walk-to-discharge-2');
      assert.equal(save(second.text).id, 'walk-to-discharge-3');
    });

    it('only the facts given, and no "choose" when no decision in words was met', () => {
      const saved = save(NO_SCENARIOS, {
        end: 'urgent',
        facts: [{ input: 'red-flag', values: [true] }],
        choose: [],
      });
      assert.equal(
        saved.inserted,
        '\nscenarios:\n  walk-to-urgent:\n    title: "Walked through to “Same-day emergency spinal assessment”"\n    facts:\n      red-flag: true\n    expect:\n      end: urgent\n',
      );
    });
  });

  describe('what is refused', () => {
    it('a walk whose facts now lead elsewhere, with where they lead', () => {
      const message = refused(NO_SCENARIOS, { ...TO_DISCHARGE, end: 'specialist' });
      assert.match(
        message,
        /^The walk cannot be saved as a scenario: Scenario "walk-to-specialist" should end at "specialist", but ends at "discharge"\./,
      );
    });

    it('a walk that would be stuck, with why', () => {
      assert.match(
        refused(NO_SCENARIOS, { end: 'urgent', facts: [], choose: [] }),
        /cannot go on: at decision "triage".*"red-flag"/,
      );
    });

    it('an end that is no longer one, ids that are not ids, values a fact cannot take', () => {
      assert.match(refused(NO_SCENARIOS, { ...TO_DISCHARGE, end: 'review' }), /no longer an end/);
      assert.match(
        refused(NO_SCENARIOS, { ...TO_DISCHARGE, end: 'discharge\n  evil: 1' }),
        /is not an id of this pathway/,
      );
      assert.match(
        refused(NO_SCENARIOS, {
          ...TO_DISCHARGE,
          facts: [{ input: 'weeks', values: [Number.POSITIVE_INFINITY] }],
        }),
        /the fact for "weeks" has no value/,
      );
      assert.match(
        refused(NO_SCENARIOS, {
          ...TO_DISCHARGE,
          facts: [{ input: 'weeks', values: [600] }],
        }),
        /gives 600 for "weeks", but "weeks" takes a whole number from 0 to 520/,
      );
      assert.match(
        refused(NO_SCENARIOS, { end: 'discharge' } as unknown as ScenarioDraft),
        /not in the expected form/,
      );
    });

    it('a file that is not readable YAML, and "scenarios" that are not a mapping', () => {
      assert.match(refused(`${NO_SCENARIOS}  bad: [\n`, TO_DISCHARGE), /cannot be read as YAML/);
      assert.match(
        refused(`${NO_SCENARIOS}scenarios: [a, b]\n`, TO_DISCHARGE),
        /not written as scenarios under their ids/,
      );
      assert.match(
        refused(`${NO_SCENARIOS}scenarios: ~\n`, TO_DISCHARGE),
        /not written as scenarios under their ids/,
      );
    });
  });
});
