import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

@Module({ imports: [AuthModule, ClientsModule], controllers: [TeamController], providers: [TeamService] })
export class TeamModule {}
