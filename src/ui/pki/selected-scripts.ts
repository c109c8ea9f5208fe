// The scripts the user ticked on the Node scripts screen go into the cfssl bundle under
// scripts/; that screen owns the selection and its persistence.
export { selectedScripts } from '../scripts/scripts-selection.svelte';
