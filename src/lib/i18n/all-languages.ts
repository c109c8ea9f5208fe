// Every language's catalogue, loaded when this module is imported: for the command line (it answers in
// either language and starts with no network to wait for) and the tests.
import { useCatalogue } from './index';
import { table as en } from './catalogue-en';
import { table as zhCN } from './catalogue-zh-CN';
// The command line's own words (usage, flags): never needed in the page, so its catalogues leave them out.
import * as cli from './messages/cli';

useCatalogue('en', { ...en, ...cli.en });
useCatalogue('zh-CN', { ...zhCN, ...cli.zhCN });
