import 'core-js/stable/string/includes';
import 'core-js/stable/string/starts-with';

