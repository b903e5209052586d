import 'core-js/stable/number/is-nan';
import 'core-js/stable/number/is-finite';

