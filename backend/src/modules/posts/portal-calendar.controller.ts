import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientCtx } from '../../core/auth/context.decorator';
import type { ClientContext } from '../../core/auth/request-context';
import { PortalRoute } from '../../core/auth/route-policy';
import { CalendarQueryDto, PortalCalendarDto, PortalUpcomingDto, UpcomingQueryDto } from './dto/posts.dto';
import { PortalCalendarService } from './portal-calendar.service';

/** Portal › Calendar: read-only; nothing here can change a post. */
@ApiTags('portal')
@Controller('v1/portal/calendar')
@PortalRoute('calendar.view')
export class PortalCalendarController {
  constructor(private readonly calendar: PortalCalendarService) {}

  @Get('upcoming')
  @ApiOperation({
    summary: "The next posts still to go out on the client's accounts, soonest first (the portal dashboard)",
  })
  @ApiOkResponse({ type: PortalUpcomingDto })
  upcoming(@ClientCtx() ctx: ClientContext, @Query() query: UpcomingQueryDto): Promise<PortalUpcomingDto> {
    return this.calendar.upcoming(ctx, query.limit ?? 5);
  }

  @Get()
  @ApiOperation({
    summary:
      "Scheduled and published posts on the client's accounts in [from, to) (≤ 42 days), with the user's timezone",
  })
  @ApiOkResponse({ type: PortalCalendarDto })
  week(@ClientCtx() ctx: ClientContext, @Query() query: CalendarQueryDto): Promise<PortalCalendarDto> {
    return this.calendar.week(ctx, query);
  }
}
