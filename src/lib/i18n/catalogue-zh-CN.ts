// The Simplified Chinese catalogue: every eager area's `zhCN` table, in one module the page loads only
// when this language is on show (catalogue.ts). `?locale=` makes each messages file a module of its own
// here, so the bundle keeps this language's table and drops the other (messages.d.ts types them).
// The same areas in the same order as the other language's catalogue: a later area's key wins.
// The command line's own words (messages/cli.ts) are not here: only all-languages.ts loads them.
import { zhCN as common } from './messages/common?locale=zh-CN';
import { zhCN as offline } from './messages/offline?locale=zh-CN';
import { zhCN as workspace } from './messages/workspace?locale=zh-CN';
import { zhCN as scripts } from './messages/scripts?locale=zh-CN';
import { zhCN as pki } from './messages/pki?locale=zh-CN';
import { zhCN as raft } from './messages/raft?locale=zh-CN';
import { zhCN as cluster } from './messages/cluster?locale=zh-CN';
import { zhCN as clusterDeploy } from './messages/cluster-deploy?locale=zh-CN';

export const table: Readonly<Record<string, string>> = Object.assign({}, common, offline, workspace, scripts, pki, raft, cluster, clusterDeploy);
