import base from '@harbour/eslint-config/base';

export default [...base, { files: ['bench/**'], rules: { 'no-console': 'off' } }];
