// ECharts with only the parts the dashboard draws (loaded as its own chunk, off the first view's path).
import { BarChart, FunnelChart } from "echarts/charts"
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components"
import * as echarts from "echarts/core"
import { SVGRenderer } from "echarts/renderers"

echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer])

export const init = echarts.init
