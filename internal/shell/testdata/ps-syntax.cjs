// ps-syntax.cjs FILE...: reports PowerShell syntax errors with the
// tree-sitter PowerShell grammar, for machines without pwsh (it cannot be
// installed here). NODE_PATH must hold web-tree-sitter and
// tree-sitter-powershell (see .ci/run). Exit 1 on any error.
const { Parser, Language } = require('web-tree-sitter');
const fs = require('fs');

(async () => {
  await Parser.init();
  const lang = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
  const parser = new Parser();
  parser.setLanguage(lang);
  let errors = 0;
  for (const file of process.argv.slice(2)) {
    const walk = (n) => {
      if (n.type === 'ERROR' || n.isMissing) {
        const at = n.startPosition;
        console.log(`${file}:${at.row + 1}:${at.column + 1}: syntax error near ${JSON.stringify(n.text.slice(0, 40))}`);
        errors++;
      }
      for (const c of n.children) walk(c);
    };
    walk(parser.parse(fs.readFileSync(file, 'utf8')).rootNode);
  }
  process.exit(errors ? 1 : 0);
})();
