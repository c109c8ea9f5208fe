// The English catalogue: every eager area's `en` table, in one module the page loads only
// when this language is on show (catalogue.ts). `?locale=` makes each messages file a module of its own
// here, so the bundle keeps this language's table and drops the other (messages.d.ts types them).
// The same areas in the same order as the other language's catalogue: a later area's key wins.
// The command line's own words (messages/cli.ts) are not here: only all-languages.ts loads them.
import { en as common } from './messages/common?locale=en';
import { en as offline } from './messages/offline?locale=en';
import { en as workspace } from './messages/workspace?locale=en';
import { en as scripts } from './messages/scripts?locale=en';
import { en as pki } from './messages/pki?locale=en';
import { en as raft } from './messages/raft?locale=en';
import { en as cluster } from './messages/cluster?locale=en';
import { en as clusterDeploy } from './messages/cluster-deploy?locale=en';

export const table: Readonly<Record<string, string>> = Object.assign({}, common, offline, workspace, scripts, pki, raft, cluster, clusterDeploy);
