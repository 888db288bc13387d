const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * Packages that ship only ES modules (`@material/material-color-utilities`, used by libs/shared's
 * brand theme) are bundled, compiled to CommonJS by webpack, instead of being require()d at run time.
 */
const ESM_ONLY = ['@material/material-color-utilities'];
class BundleEsmOnlyPackages {
  apply(compiler) {
    const isEsmOnly = (request) => ESM_ONLY.some((name) => request === name || request?.startsWith(`${name}/`));
    compiler.options.externals = [].concat(compiler.options.externals ?? []).map((external) =>
      typeof external !== 'function'
        ? external
        : function (data, callback) {
            return isEsmOnly(data.request) ? callback() : external.call(this, data, callback);
          },
    );
  }
}

module.exports = {
  output: {
    path: join(__dirname, '../dist/backend'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [{ entryName: 'cli', entryPath: './src/cli.ts' }],
      tsConfig: './tsconfig.app.json',
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
    // After NxAppWebpackPlugin, which sets the externals this adjusts.
    new BundleEsmOnlyPackages(),
  ],
};
