// The `pathway` command line: its commands (check, test, render, report, diff, export, publish,
// lsp), their options and help, and the exit status each gives.
import { Command, CommanderError, Option, type AddHelpTextContext } from 'commander';
import { availableParallelism } from 'node:os';
import {
  DEFAULT_FHIR_BASE,
  DEFAULT_MAX_FILE_SIZE,
  formatSize,
  RULE_INFO,
  RULE_LEVELS,
  isRuleCode,
  isRuleLevel,
  MAX_EXPAND_DEPTH,
  type CheckOptions,
  type PictureFormat,
  type RuleCode,
  type RuleLevel,
} from '../core';
import { startServer } from '../lsp/server';
import { runCheck, type OutputFormat } from './check';
import { runRender } from './render';
import { runReport } from './report';
import { EXPORT_HELP, runExport } from './export';
import { runDiff, type DiffFormat } from './diff';
import { runTest, type TestFormat } from './test';
import { runPublish, SITE_MARKER } from './publish';
import { REFERENCES_IMPORT_HELP, runReferencesImport } from './references';
import { NOT_A_PATHWAY_HELP, parseSize } from './files';
import { helpWidth, wrapHelp } from './helpText';
import { OUTPUT_HELP } from './output';
import { IN_PROCESS_BELOW } from './pool';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

/** Exit statuses of every command. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

class UsageError extends Error {}

function parseRule(
  value: string,
  previous: Map<RuleCode, RuleLevel> | undefined,
): Map<RuleCode, RuleLevel> {
  const match = /^([^=]+)=(.*)$/.exec(value);
  if (!match)
    throw new UsageError(
      `--rule expects CODE=LEVEL, for example unused-reference=off (got "${value}")`,
    );
  const code = (match[1] ?? '').trim();
  const level = (match[2] ?? '').trim();
  if (!isRuleCode(code)) {
    throw new UsageError(
      `unknown rule "${code}" in --rule; the rules are: ${RULE_INFO.map((r) => r.code).join(', ')}`,
    );
  }
  if (!isRuleLevel(level)) {
    throw new UsageError(
      `unknown level "${level}" for ${code}; use one of ${RULE_LEVELS.join(', ')}`,
    );
  }
  const next = new Map(previous ?? []);
  // A later --rule for the same code wins.
  next.delete(code);
  next.set(code, level);
  return next;
}

function parseMaxFileSize(value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) {
    throw new UsageError(
      `--max-file-size expects a size such as 20MB, 512KB or 1000000 (bytes) (got "${value}")`,
    );
  }
  return bytes;
}

/** The option every command that reads pathway files takes. */
function maxFileSizeOption(): Option {
  return new Option(
    '--max-file-size <size>',
    `the largest file read, e.g. 20MB or 512KB (default ${formatSize(DEFAULT_MAX_FILE_SIZE)}); a larger one gets a file-too-large error unread`,
  ).argParser(parseMaxFileSize);
}

/** The most worker threads --jobs may ask for: each holds its own copy of the checker. */
const MAX_JOBS = 256;

function parseJobs(value: string): number {
  const jobs = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(jobs <= MAX_JOBS)) {
    throw new UsageError(
      `--jobs expects how many files to check at once, from 0 to ${MAX_JOBS}, such as 4 (got "${value}")`,
    );
  }
  return jobs;
}

/** The option of the commands that read folders of pathway files: check and test. */
function jobsOption(verb: 'check' | 'test' | 'publish'): Option {
  return new Option(
    '-j, --jobs <n>',
    `${verb} this many files at once, each in a worker thread (default: one per processor, ${availableParallelism()} here, or none for files under ${formatSize(IN_PROCESS_BELOW)} in all); 0 ${verb === 'publish' ? 'publishes' : `${verb}s`} them one after another in this process`,
  ).argParser(parseJobs);
}

/** Check options with the size limit given, if any. */
function withSizeLimit(options: CheckOptions, maxFileSize: number | undefined): CheckOptions {
  return maxFileSize === undefined ? options : { ...options, maxFileSize };
}

const RULES_HELP = RULE_INFO.map(
  (rule) => `  ${rule.code.padEnd(27)} ${rule.defaultSeverity.padEnd(8)} ${rule.summary}`,
).join('\n');

const CHECK_HELP = `
Checks each pathway file against the pathway format and the clinical-logic rules, and
prints what it finds. A PATH is a file (checked whatever its name, even through a link) or a folder, searched
recursively for *.pathway.yaml and *.pathway.yml files, and for references files
(*.references.yaml, *.references.yml), which are checked on their own (node_modules,
folders whose name starts with a dot and linked folders are skipped; a linked file is read
only when it leads to a file inside the folder given, else a note says it was not read).

The files a pathway lists under "bibliography" (references files, BibTeX .bib, CSL-JSON
.json) are read from the folder the command runs in, each once: a path that leaves that
folder, or a link out of it, is not read (unknown-file). A pathway's findings are reported
in the pathway file, a references file's own in that file.

Output formats:
  text   one line per finding, FILE:LINE:COL: SEVERITY CODE: MESSAGE (1-based), then
         "N files checked: E errors, W warnings, I infos" (and ", S suppressed")
  json   one JSON object: {"files": [{"file", "diagnostics": [{"code", "severity",
         "message", "range", "url"}], "suppressed": [...]}], "summary": {...}}; lines
         and characters 0-based
  sarif  SARIF 2.1.0 (one run, every rule listed) for code scanning and review tools

Rules (code, default level, what it reports):
${RULES_HELP}

Files are checked several at once, each in a worker thread of its own (--jobs; by default
as many as there are processors); the output is the same, in the same order, whatever
--jobs is. A single file, --jobs 0, and (without --jobs) files under ${formatSize(IN_PROCESS_BELOW)} in all are checked
in this process: starting the workers would take about as long as checking them.

Levels: off, info, warning, error. Change one with --rule CODE=LEVEL (repeat the option
for several rules; for the same rule the last one wins). Inside a file, the comment
"# pathway-disable-next-line CODE" silences CODE on the next line and
"# pathway-disable CODE" silences it in the whole file; the summary counts what they
silence, and SARIF lists it as suppressed. yaml-syntax, file-too-large and internal-error
are never silenced, and a file that does not parse has no directives. --no-inline-config
ignores the comments (for changes that come from outside). Every rule is explained at
https://github.com/clinical-pathways/clinical-pathways/blob/main/docs/rules.md

Exit status:
  0  no error-level findings (warnings and infos allowed)
  1  at least one error-level finding
  2  bad usage, or a path that does not exist or cannot be read, or a file whose check
     could not finish (it ran out of memory, say; the other files are checked)

Examples:
  pathway check examples
  pathway check --format json guideline.pathway.yaml
  pathway check --rule unused-reference=off --rule missing-otherwise=error pathways/
  pathway check --format sarif . > pathway.sarif
`;

const TEST_HELP = `
Runs the scenarios written in each pathway file (the example patients under "scenarios":
their facts, the choices made for them at decisions written in words, and what their route
must do) and prints one line per scenario: passed, failed with what was expected and the
route taken, or stuck with why the route cannot go on. Scenarios whose facts or step ids have
a mistake are not run (pathway check shows the mistake). PATHs are found, and files tested
several at once (--jobs), as for check.

Output formats:
  text   one line per scenario under its file, then
         "N scenarios: P passed, F failed, S stuck"
  json   {"files": [{"file", "scenarios": [{"id", "status", "route", "message"}],
         "coverage": {"branches": [{"decision", "branch", "next", "scenarios"}],
         "ends": [{"step", "scenarios"}]}}], "summary": {"scenarios", "passed", "failed",
         "stuck"}}; "branch" is 1-based or "otherwise"; "coverage" only with --coverage
  junit  JUnit XML: one test suite per file, one test case per scenario (a failed scenario
         is a failure, a stuck one an error), for CI systems that show test results

--coverage lists every branch, otherwise and end of each file with the number of scenarios
that take it, and the share taken. To make an untaken branch an error in CI, use
pathway check --rule untested-branch=error. --rule sets the levels of the other rules, as
for check; a failed or stuck scenario always counts.

Exit status:
  0  every scenario passed, and no error-level finding
  1  a scenario failed or is stuck, or a file has an error-level finding
  2  bad usage, or a path that does not exist or cannot be read

Examples:
  pathway test examples
  pathway test --coverage guideline.pathway.yaml
  pathway test --format junit pathways/ > scenarios.xml
`;

const PUBLISH_HELP = `
Writes a static website of the pathways found (PATHs are found as for check) for a
guideline panel to read in a browser, from the folder on disk or any web server:
  - index.html: every pathway with its status, version, population, last change, the
    checker's findings, its scenarios (passed, failed, stuck) and branch coverage, with a
    filter; a file that cannot be read as a pathway is listed with why;
  - pathways/NAME.html, one page per pathway: its facts, the flowchart (interactive, with
    the walk-through), the findings, every step with its detail, grade, rationale and
    citations in full, and the audit report;
  - references.html: every work cited, once, with the steps that cite it.
A sub-pathway step's entry (shown too when its box in the chart is picked) links to the
page of the pathway it uses when that pathway is published in the same site, with where
each of its ends leads; each page lists the pathways it uses and the published pathways
that use it ("Uses and used by").
A page's NAME is the file's path from the folder holding all the PATHs, without
".pathway.yaml", folders joined by "--", other characters than letters, digits, "_" and
"-" written as "_"; a name two files share gets "-2", "-3" on the later ones.

--since REV draws on each page the changes since that git revision (a tag, branch or
commit of the repository of the current folder): steps added, changed and removed, the
changes in words, and the scenarios and patients whose route changed. A file that did not
exist there is marked new. "Last change" is the date of the last commit that changed a
file, or its modification date when it has changed since or is not committed.

Pages are made several at once, each file in a worker thread (--jobs), as for check; the
site is the same whatever the number.

Each page's flowchart is laid out and drawn by the site's script when a reader opens the
page: a site of many pathways is published in a fraction of the time, and a browser lays
out only the pages it opens. --static-charts draws every flowchart into its page instead,
so that it shows without script and in tools that print pages without running them, at the
cost of a layout per pathway.

The site runs no script but its own, loads nothing from the network, prints cleanly and is
the same, byte for byte, for the same files. It is written into a new folder beside the
folder -o names, then put in its place: a folder that is there is replaced only when it is
an earlier site (it holds a ${SITE_MARKER} file) or empty; any other is left alone.

Exit status:
  0  published
  1  published, but a file has an error-level finding, a failed or stuck scenario, or
     could not be read
  2  bad usage (a missing path, a folder that is not an earlier site, an unknown
     revision, not a git repository): nothing is written

Examples:
  pathway publish examples -o site
  pathway publish guidelines -o site --since v1.2`;

/** Help written as paragraphs and lists, wrapped at the width the rest of the help is. */
function fitted(text: string): (context: AddHelpTextContext) => string {
  return (context) => wrapHelp(text, helpWidth(context.error ? process.stderr : process.stdout));
}

/**
 * The action of a command that writes one document from one pathway file (render, report):
 * the file, where to write, the form asked for and the size limit handed to `run`.
 */
function writesOneDocument<F extends string>(
  run: (
    file: string,
    output: string | undefined,
    format: F | undefined,
    options: CheckOptions,
  ) => Promise<number>,
  onExit: (code: number) => void,
): (file: string, opts: { output?: string; format?: F; maxFileSize?: number }) => Promise<void> {
  return async (file, opts) => {
    onExit(await run(file, opts.output, opts.format, withSizeLimit({}, opts.maxFileSize)));
  };
}

export function buildProgram(onExit: (code: number) => void): Command {
  const program = new Command();
  // Set before the commands are added: each command takes these from the program.
  program
    .configureOutput({
      getOutHelpWidth: () => helpWidth(process.stdout),
      getErrHelpWidth: () => helpWidth(process.stderr),
    })
    // Commander leaves a description unwrapped when less than this is left beside the
    // options; the terminal would then break it inside words.
    .configureHelp({ minWidthToWrap: 12 });
  program
    .name('pathway')
    .description(
      'Check, and help review, clinical pathway files: treatment algorithms written in YAML ' +
        '(*.pathway.yaml) with graded recommendations and their evidence.',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .showHelpAfterError('(run "pathway --help" or "pathway check --help" for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      fitted(`
Run "pathway check --help" for the rules, output formats and exit statuses.

Exit status:
  0  no errors
  1  errors found
  2  bad usage, or a path that cannot be read`),
    );

  program
    .command('check')
    .description('check pathway files and folders against the format and the clinical-logic rules')
    .argument('<paths...>', 'files or folders to check')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'sarif'])
        .default('text'),
    )
    .option(
      '-r, --rule <CODE=LEVEL>',
      'set a rule to off, info, warning or error (repeatable)',
      parseRule,
    )
    .addOption(maxFileSizeOption())
    .addOption(jobsOption('check'))
    .option(
      '--no-inline-config',
      'ignore "# pathway-disable" comments in the files: report every finding',
    )
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText('after', fitted(CHECK_HELP))
    .action(
      async (
        paths: string[],
        opts: {
          format: OutputFormat;
          rule?: Map<RuleCode, RuleLevel>;
          maxFileSize?: number;
          jobs?: number;
          inlineConfig: boolean;
        },
      ) => {
        const options = withSizeLimit(
          {
            rules: Object.fromEntries(opts.rule ?? []),
            ...(opts.inlineConfig ? {} : { noInlineConfig: true }),
          },
          opts.maxFileSize,
        );
        onExit(await runCheck(paths, opts.format, options, VERSION, { jobs: opts.jobs }));
      },
    );

  program
    .command('test')
    .description(
      "run the pathways' scenarios: where each example patient goes, and whether it should",
    )
    .argument('<paths...>', 'files or folders to test')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'junit'])
        .default('text'),
    )
    .option('--coverage', 'list every branch, otherwise and end with the scenarios that take it')
    .option(
      '-r, --rule <CODE=LEVEL>',
      'set a rule to off, info, warning or error (repeatable)',
      parseRule,
    )
    .addOption(maxFileSizeOption())
    .addOption(jobsOption('test'))
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText('after', fitted(TEST_HELP))
    .action(
      async (
        paths: string[],
        opts: {
          format: TestFormat;
          coverage?: boolean;
          rule?: Map<RuleCode, RuleLevel>;
          maxFileSize?: number;
          jobs?: number;
        },
      ) => {
        const options = withSizeLimit(
          { rules: Object.fromEntries(opts.rule ?? []) },
          opts.maxFileSize,
        );
        onExit(
          await runTest(paths, opts.format, opts.coverage === true, options, { jobs: opts.jobs }),
        );
      },
    );

  program
    .command('render')
    .description('draw the pathway as a flowchart (SVG, or a standalone HTML page)')
    .argument('<file>', 'the pathway file to draw')
    .option('-o, --output <file>', 'write to this file (.svg or .html); - for standard output')
    .addOption(
      new Option(
        '-f, --format <format>',
        'svg or html (default: from the output name, else svg)',
      ).choices(['svg', 'html']),
    )
    .option(
      '--expand',
      'draw each sub-pathway (a step of kind pathway) with the used pathway inside its box',
    )
    .addOption(maxFileSizeOption())
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText(
      'after',
      fitted(`
Draws the same flowchart as the editor's preview: one shape per kind of step (decisions as
diamonds, ends as terminals), branches labelled with their conditions, the otherwise branch
dashed, recommendations with their GRADE strength, certainty and number of citations, and
problems marked on the steps (unreachable steps faded). The HTML page holds the picture
with a title and prints cleanly; neither form loads anything from the network.

A sub-pathway is drawn as a box within a box naming the pathway it uses (its title and
file, read from the folder the command runs in); its arrows are named by the used pathway's
ends. With --expand the used pathway is drawn inside the box, its ends leading on where the
step's "ends" and "next" say, calls inside it too (${MAX_EXPAND_DEPTH} deep at most).

${OUTPUT_HELP}

Exit status:
  0  drawn
  1  ${NOT_A_PATHWAY_HELP}
  2  bad usage, or a file that cannot be read or written

Examples:
  pathway render examples/brlp-manipulation.pathway.yaml -o brlp.svg
  pathway render examples/brlp-manipulation.pathway.yaml -o brlp.html
  pathway render acute-lbp.pathway.yaml --expand -o acute-lbp.svg`),
    )
    .action(
      async (
        file: string,
        opts: { output?: string; format?: PictureFormat; maxFileSize?: number; expand?: boolean },
      ) => {
        onExit(
          await runRender(file, opts.output, opts.format, withSizeLimit({}, opts.maxFileSize), {
            expand: opts.expand === true,
          }),
        );
      },
    );

  program
    .command('report')
    .description('write an audit report: recommendations, every path, evidence gaps, diagnostics')
    .argument('<file>', 'the pathway file to report on')
    .option('-o, --output <file>', 'write to this file (.md or .html); - for standard output')
    .addOption(
      new Option(
        '-f, --format <format>',
        'md or html (default: from the output name, else md)',
      ).choices(['md', 'html']),
    )
    .addOption(maxFileSizeOption())
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText(
      'after',
      fitted(`
The report is for reviewers who audit the recommendation logic:
  - the pathway's title, id, version, status, population and the date of the report;
  - every recommendation: its step, wording, direction and strength, certainty,
    rationale, and its citations in full with DOI and PubMed links;
  - every sub-pathway step: the pathway it uses (title, id and file, read from the folder
    the command runs in) and where the route goes on from each of its ends; then every
    pathway used, two calls deep included, once (their own findings stay in their files);
  - every path from the start to each end, as the decisions met and the answer taken at
    each (at a sub-pathway, the end it stops at), with the recommendations met on the way (a loop is followed once; at most 200
    paths are listed, and the report says how many there are, or that counting stopped);
  - evidence gaps: strong recommendations on low or very low certainty evidence,
    recommendations resting only on such evidence, recommendations without citations,
    references nothing cites, ends reached without any recommendation on the way;
  - every diagnostic, grouped by rule.
The HTML form embeds the flowchart and prints cleanly.

${OUTPUT_HELP}

Exit status:
  0  written
  1  ${NOT_A_PATHWAY_HELP}
     (the report is written all the same, listing what was found)
  2  bad usage, or a file that cannot be read or written`),
    )
    .action(writesOneDocument(runReport, onExit));

  program
    .command('diff')
    .description('compare the recommendation logic of two versions of a pathway')
    .argument(
      '<old>',
      'the earlier version: a file, or REV:path from git (e.g. HEAD~1:guideline.pathway.yaml)',
    )
    .argument('<new>', 'the later version: a file, or REV:path')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'md', 'json'])
        .default('text'),
    )
    .option(
      '--routes',
      'under each end reached differently, list every route new and gone (JSON always has them)',
    )
    .addOption(maxFileSizeOption())
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText(
      'after',
      fitted(`
Compares the logic, not the text: steps added, removed or renamed (a renamed step is
recognised by its kind and title, not shown as removed and added); a step's kind or title
changed; routing (links added or removed, a branch's condition reworded, otherwise
changed, the start moved); a recommendation's direction, strength, certainty, rationale
or citations; references added, removed or edited; and the consequences: steps that
became unreachable or reachable, ends reached by different routes.
Formatting, comments and the order of keys do not count.

A sub-pathway step is compared with the pathway it uses as each version finds it: a file
on disk reads the files it uses from the folder the command runs in, REV:path reads them
as they are at REV. A step that now uses another file, or whose "ends" lead elsewhere, is
a change; when the used pathway's own logic changed, the step says so, and the routes and
scenarios of this pathway that go another way through it are this pathway's changes
(routes name the used pathway's steps ID/STEP).

The text first names the steps changed; each end reached differently gets one line: how
many routes lead to it, how many changed, and which steps they now go through or miss.
--routes adds the routes themselves, one per line.

REV:path is read from the git repository of the current folder; a REV starting with "-"
is refused (git would take it as an option).

Exit status:
  0  the logic is unchanged
  1  it changed
  2  bad usage, a version that cannot be read, or one that cannot be read as a pathway
     (its YAML does not parse, or it is empty, a list, a single value, or fields none of
     which a pathway has)

Examples:
  pathway diff old.pathway.yaml new.pathway.yaml
  pathway diff HEAD:guideline.pathway.yaml guideline.pathway.yaml --format md
  pathway diff old.pathway.yaml new.pathway.yaml --routes`),
    )
    .action(
      async (
        before: string,
        after: string,
        opts: { format: DiffFormat; routes?: boolean; maxFileSize?: number },
      ) => {
        onExit(
          await runDiff(
            before,
            after,
            opts.format,
            { routes: opts.routes === true },
            withSizeLimit({}, opts.maxFileSize),
          ),
        );
      },
    );

  program
    .command('export')
    .description('export the pathway in a standard form: --fhir for HL7 FHIR R4 (CPG-on-FHIR)')
    .argument('<file>', 'the pathway file to export')
    .option('--fhir', 'write a FHIR R4 Bundle of CPG PlanDefinitions, as JSON')
    .option('-o, --output <file>', 'write to this file; - for standard output')
    .option('--base <url>', "the canonical base of the resources' URLs", DEFAULT_FHIR_BASE)
    .addOption(maxFileSizeOption())
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText('after', fitted(EXPORT_HELP))
    .action(
      async (
        file: string,
        opts: { fhir?: boolean; output?: string; base?: string; maxFileSize?: number },
      ) => {
        onExit(await runExport(file, opts, withSizeLimit({}, opts.maxFileSize)));
      },
    );

  const references = program
    .command('references')
    .description(
      'work with references files: shared reference lists that pathways name under bibliography',
    )
    .helpOption('-h, --help', 'show this help')
    .exitOverride();
  references
    .command('import')
    .description('write a references file from reference-manager exports (BibTeX, CSL-JSON, RIS)')
    .argument('<files...>', 'the exports to read: .bib, .json or .ris files')
    .option('-o, --output <file>', 'write to this file (*.references.yaml); - for standard output')
    .option('--title <text>', 'the title the references file is written with')
    .addOption(
      new Option(
        '--max-file-size <size>',
        `the largest export read, e.g. 20MB or 512KB (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`,
      ).argParser(parseMaxFileSize),
    )
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText('after', fitted(REFERENCES_IMPORT_HELP))
    .action(
      async (files: string[], opts: { output?: string; title?: string; maxFileSize?: number }) => {
        onExit(
          await runReferencesImport(
            files,
            { output: opts.output, title: opts.title },
            withSizeLimit({}, opts.maxFileSize),
          ),
        );
      },
    );

  program
    .command('publish')
    .description(
      'write a static website of pathways for a guideline panel: pages, index and references',
    )
    .argument('<paths...>', 'files or folders to publish')
    .requiredOption('-o, --output <folder>', 'the folder to write the site to')
    .option('--since <rev>', 'show the changes since this git revision (tag, branch or commit)')
    .option(
      '--static-charts',
      'draw each flowchart into its page, so that it shows without script (slower: a layout per pathway)',
    )
    .option(
      '-r, --rule <CODE=LEVEL>',
      'set a rule to off, info, warning or error (repeatable)',
      parseRule,
    )
    .addOption(maxFileSizeOption())
    .addOption(jobsOption('publish'))
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText('after', fitted(PUBLISH_HELP))
    .action(
      async (
        paths: string[],
        opts: {
          output: string;
          since?: string;
          staticCharts?: boolean;
          rule?: Map<RuleCode, RuleLevel>;
          maxFileSize?: number;
          jobs?: number;
        },
      ) => {
        const check = withSizeLimit(
          { rules: Object.fromEntries(opts.rule ?? []) },
          opts.maxFileSize,
        );
        onExit(
          await runPublish(paths, {
            output: opts.output,
            ...(opts.since === undefined ? {} : { since: opts.since }),
            staticCharts: opts.staticCharts === true,
            check,
            pool: { jobs: opts.jobs },
          }),
        );
      },
    );

  program
    .command('lsp')
    .description('start the pathway language server, for editors other than VS Code')
    .option('--stdio', 'talk LSP over standard input and output (the usual choice)')
    .option('--node-ipc', 'talk LSP over a Node IPC channel')
    .option('--socket <port>', 'talk LSP over a socket on this port')
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .addHelpText(
      'after',
      fitted(`
Starts the same language server the VS Code extension runs: live diagnostics, completion,
hover, go to definition, find references, rename, outline, folding and quick fixes for
*.pathway.yaml files. Configure your editor to run "pathway lsp --stdio" for YAML files
named *.pathway.yaml or *.pathway.yml; the README shows Neovim and Helix set-ups.`),
    )
    .action(() => {
      // The server reads its transport from process.argv and runs until the client exits.
      startServer();
      onExit(EXIT.ok);
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let status: number = EXIT.ok;
  const program = buildProgram((code) => {
    status = code;
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pathway: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      // Commander has already printed its message.
      return EXIT.usage;
    }
    throw error;
  }
}
