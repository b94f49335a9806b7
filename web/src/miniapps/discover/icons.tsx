// The Mini Programs mark: two linked loops, as WeChat's, drawn in the current colour.

import { Svg, type IconProps } from "../../ui/icons";

export function MiniProgramIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M9 12.5a3.5 3.5 0 1 1 3-3.5v6a3.5 3.5 0 1 0 3-3.5" />
    </Svg>
  );
}
