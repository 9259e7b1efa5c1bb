import base from '@harbour/eslint-config/base';

export default [...base, { files: ['src/cli/**', 'src/bench/**'], rules: { 'no-console': 'off' } }];
