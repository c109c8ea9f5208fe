// Every language's catalogue, loaded when this module is imported: for the command line (it answers in
// either language and starts with no network to wait for) and the tests.
import { useCatalogue } from './index';
import { table as en } from './catalogue-en';
import { table as zhCN } from './catalogue-zh-CN';

useCatalogue('en', en);
useCatalogue('zh-CN', zhCN);
