import 'core-js/stable/array/includes';
import 'core-js/stable/array/find';
import 'core-js/stable/array/from';
import 'core-js/stable/array/find-index';
