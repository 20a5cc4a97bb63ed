/** @type {import('prettier').Config} */

// The OCA addons repository template's prettier.config.cjs (19.0), with the project's line
// length: printWidth 100 (as ruff.toml and .editorconfig) instead of the template's 88.
const config = {
  // https://github.com/prettier/prettier/issues/15388#issuecomment-1717746872
  plugins: [require.resolve("@prettier/plugin-xml")],
  bracketSpacing: false,
  printWidth: 100,
  proseWrap: "always",
  semi: true,
  trailingComma: "es5",
  // "preserve" keeps the text of XML (QWeb reports, mail templates, view labels) as it is:
  // only tags and attributes are laid out.
  xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
