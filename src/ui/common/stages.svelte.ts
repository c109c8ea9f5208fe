// A screen's first render in stages: `at` counts up from 0 to `last`, one macrotask (setTimeout) per step,
// so each part of a long screen is built, styled and laid out in its own task, and the browser can paint
// the top of the screen before the rest is there. Call from a component's script: the count stops when
// the component is destroyed.
export function renderInStages(last: number): { readonly at: number } {
  const stage = $state({ at: 0 });
  $effect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      stage.at++;
      if (stage.at < last) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  });
  return stage;
}
