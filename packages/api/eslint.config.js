import base from '@harbour/eslint-config/base';

export default [...base];
